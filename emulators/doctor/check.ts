/** What one check found. `fix` is set on every failure: the command to run or the setting to change. */
export interface CheckResult {
  /** Stable name, e.g. `workos.cors`, for `--json` readers and tests. */
  id: string;
  status: "pass" | "fail" | "warn";
  /** What was checked, in a few words. */
  title: string;
  /** What the doctor saw. */
  saw: string;
  fix?: string;
}

export const pass = (id: string, title: string, saw: string): CheckResult => ({ id, status: "pass", title, saw });
export const warn = (id: string, title: string, saw: string, fix?: string): CheckResult => ({
  id,
  status: "warn",
  title,
  saw,
  ...(fix !== undefined && { fix }),
});
export const fail = (id: string, title: string, saw: string, fix: string): CheckResult => ({ id, status: "fail", title, saw, fix });

/** How long one request to WorkOS, Convex or a local emulator may take before it counts as no answer. */
export const DEFAULT_HTTP_TIMEOUT_MS = 4000;

export type Probe = { ok: true; response: Response } | { ok: false; reason: string };

/**
 * A request that never throws and never hangs: a service that is down, a name that does not
 * resolve or a server that does not answer in time comes back as a reason in words.
 */
export async function probe(url: string, init: RequestInit, timeoutMs: number): Promise<Probe> {
  try {
    const response = await fetch(url, { redirect: "manual", ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { ok: true, response };
  } catch (error) {
    return { ok: false, reason: describeNetworkError(error, timeoutMs) };
  }
}

export function describeNetworkError(error: unknown, timeoutMs: number): string {
  if (error instanceof DOMException && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : undefined;
  const code = cause && "code" in cause ? String((cause as { code: unknown }).code) : undefined;
  if (code === "ECONNREFUSED") return "nothing listens there (connection refused)";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "the host name does not resolve";
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return code ? `${message} (${code})` : message;
}
