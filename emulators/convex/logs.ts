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
let installed = false;

/** Formats arguments the way Convex's log lines show them: strings quoted, objects inspected. */
export function formatLogArgs(args: unknown[]): string {
  return args.map((a) => inspect(a, { depth: 4, breakLength: Infinity })).join(" ");
}

/**
 * Console calls made inside a Convex function are collected as Convex log lines
 * (`[LOG] 'text'`, the format the browser client parses) and echoed to the terminal.
 * AsyncLocalStorage attributes each line to the function call that printed it.
 */
export function installConsoleCapture(sink: LogSink): void {
  terminal = sink === false ? () => {} : sink;
  if (installed) return;
  installed = true;
  for (const method of Object.keys(LEVELS) as ConsoleMethod[]) {
    const original = console[method].bind(console);
    console[method] = (...args: unknown[]) => {
      const ctx = logContext.getStore();
      if (!ctx) {
        original(...args);
        return;
      }
      const line = `[${LEVELS[method]}] ${formatLogArgs(args)}`;
      if (ctx.open) ctx.lines.push(line);
      terminal(`${ctx.label} ${line}`);
    };
  }
}

export function serverLog(line: string): void {
  terminal(line);
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
