import { AsyncLocalStorage } from "node:async_hooks";
import { inspect } from "node:util";

/** Where the server's own lines go; `false` silences it (tests). */
export type LogSink = ((line: string) => void) | false;

interface FunctionLogContext {
  label: string;
  lines: string[];
  /** Once the caller has its answer, later lines (e.g. from timers) only reach the terminal. */
  open: boolean;
}

const logContext = new AsyncLocalStorage<FunctionLogContext>();
const LEVELS = { log: "LOG", info: "INFO", warn: "WARN", error: "ERROR", debug: "DEBUG" } as const;
type ConsoleMethod = keyof typeof LEVELS;

let terminal: (line: string) => void = () => {};
/**
 * Where the routine lines go: the terminal copy of a function's console lines (`convex dev` shows
 * those too) and each push's progress. Their own switch, so a quiet terminal can leave them out.
 */
let functionTerminal: (line: string) => void = () => {};
/** Each running server's sinks, latest last: the terminal copy goes to the latest one still running. */
const holders: { sink: (line: string) => void; functionSink: (line: string) => void }[] = [];
let restoreProcess: (() => void) | null = null;

/** Formats arguments the way Convex's log lines show them: strings quoted, objects inspected. */
export function formatLogArgs(args: unknown[]): string {
  return args.map((a) => inspect(a, { depth: 4, breakLength: Infinity })).join(" ");
}

/**
 * The process-wide hooks a running server needs, held from its start to its close, so a test
 * process that starts servers in-process gets its console and rejection handling back:
 * - console calls made inside a Convex function are collected as Convex log lines (`[LOG] 'text'`,
 *   the format the browser client parses) and echoed to the terminal; AsyncLocalStorage
 *   attributes each line to the function call that printed it;
 * - a promise a function leaves failing unobserved (an un-awaited call) is logged instead of
 *   ending the process, as it would not take a deployment down.
 * Returns the release; the hooks go when the last holder releases.
 */
export function holdProcessHooks(sink: LogSink, functionSink: LogSink = sink): () => void {
  const silent = () => {};
  const holder = { sink: sink === false ? silent : sink, functionSink: functionSink === false ? silent : functionSink };
  holders.push(holder);
  terminal = holder.sink;
  functionTerminal = holder.functionSink;
  restoreProcess ??= installProcessHooks();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders.splice(holders.indexOf(holder), 1);
    terminal = holders.at(-1)?.sink ?? (() => {});
    functionTerminal = holders.at(-1)?.functionSink ?? (() => {});
    if (holders.length === 0) {
      restoreProcess?.();
      restoreProcess = null;
    }
  };
}

function installProcessHooks(): () => void {
  const originals = new Map<ConsoleMethod, (...args: unknown[]) => void>();
  for (const method of Object.keys(LEVELS) as ConsoleMethod[]) {
    const original = console[method];
    originals.set(method, original);
    console[method] = (...args: unknown[]) => {
      const ctx = logContext.getStore();
      if (!ctx) {
        original.apply(console, args);
        return;
      }
      const line = `[${LEVELS[method]}] ${formatLogArgs(args)}`;
      if (ctx.open) ctx.lines.push(line);
      functionTerminal(`${ctx.label} ${line}`);
    };
  }
  const onRejection = (reason: unknown) => {
    serverLog(`a promise failed and nothing handled it (often an un-awaited call in a function): ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
  };
  process.on("unhandledRejection", onRejection);
  return () => {
    for (const [method, original] of originals) console[method] = original;
    process.off("unhandledRejection", onRejection);
  };
}

export function serverLog(line: string): void {
  terminal(line);
}

/** A line worth seeing only when asked for (`routineLog` in the server's options). */
export function routineLog(line: string): void {
  functionTerminal(line);
}

/** Runs `fn` collecting the log lines its function calls print. */
export async function withFunctionLogs<T>(
  label: string,
  fn: () => Promise<T>,
): Promise<{ lines: string[]; outcome: { ok: true; value: T } | { ok: false; error: unknown } }> {
  const ctx: FunctionLogContext = { label, lines: [], open: true };
  try {
    const value = await logContext.run(ctx, fn);
    return { lines: ctx.lines, outcome: { ok: true, value } };
  } catch (error) {
    return { lines: ctx.lines, outcome: { ok: false, error } };
  } finally {
    ctx.open = false;
  }
}
