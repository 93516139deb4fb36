import { parseArgs, type ParseArgsConfig } from "node:util";

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig["options"]>;

export interface Cli<O extends ParseArgsOptionsConfig> {
  values: ReturnType<typeof parseArgs<{ options: O; strict: true }>>["values"];
  /** Prints `<name>: <message>`, then the usage, to stderr and exits with 2 (a usage error). */
  fail(message: string): never;
  /** The flag's whole number (0 and up), undefined when not given; anything else fails naming the flag. */
  wholeNumber(value: string | undefined, flag: string): number | undefined;
  /** The flag's port number (0 to 65535; 0 = any free port), undefined when not given. */
  port(value: string | undefined, flag: string): number | undefined;
}

/**
 * The command line of an emulator's CLI, parsed with `node:util` parseArgs: an unknown flag or a
 * missing value fails with the usage, `-h`/`--help` prints the usage and exits. `help` must be
 * one of `options`.
 */
export function parseCli<const O extends ParseArgsOptionsConfig>(
  name: string,
  usage: string,
  options: O,
  args: string[] = process.argv.slice(2),
): Cli<O> {
  const fail = (message: string): never => {
    console.error(`${name}: ${message}\n\n${usage}`);
    process.exit(2);
  };
  let values: Cli<O>["values"];
  try {
    ({ values } = parseArgs({ args, options, strict: true }));
  } catch (error) {
    return fail((error as Error).message);
  }
  if ((values as Record<string, unknown>).help) {
    console.log(usage);
    process.exit(0);
  }
  const number = (value: string | undefined, flag: string, max: number, kind: string): number | undefined => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0 || n > max) fail(`${flag} must be ${kind}, got "${value}"`);
    return n;
  };
  return {
    values,
    fail,
    wholeNumber: (value, flag) => number(value, flag, Number.MAX_SAFE_INTEGER, "a whole number"),
    port: (value, flag) => number(value, flag, 65535, "a port number"),
  };
}
