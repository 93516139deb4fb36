/**
 * How `npm run dev` prints the emulators' and `convex dev`'s lines: what a developer acts on
 * stands out in a terminal (a verification code or an invitation link to use, a failure to fix);
 * everything else is printed as it is. No colour when the output is not a terminal or NO_COLOR is set.
 */
const WANTED = /\b(?:code for|invitation for)\b/;
const FAILED = /\b(?:failed|error|refused|cannot|could not)\b|✖/i;

export function devLogLine(line: string, color: boolean): string {
  if (!color) return line;
  if (WANTED.test(line)) return `\u001b[1;33m${line}\u001b[0m`;
  if (FAILED.test(line)) return `\u001b[31m${line}\u001b[0m`;
  return line;
}

export function useColor(stream: NodeJS.WriteStream, env: NodeJS.ProcessEnv): boolean {
  return Boolean(stream.isTTY) && env.NO_COLOR === undefined && env.TERM !== "dumb";
}

/** `npm run dev -- --verbose` (or DEBUG=dev): also the emulators' routine per-request lines. */
export function parseDevArgs(argv: string[], env: NodeJS.ProcessEnv): { verbose: boolean } {
  const unknown = argv.filter((arg) => arg !== "--verbose");
  if (unknown.length) throw new Error(`unknown option ${unknown.join(" ")}: the one option is --verbose (npm run dev -- --verbose).`);
  return { verbose: argv.includes("--verbose") || /(?:^|,)\s*dev\s*(?:,|$)/.test(env.DEBUG ?? "") };
}
