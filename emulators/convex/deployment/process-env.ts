/** The host's own values for names the deployment has set, so removing a variable brings them back. */
const hostValues = new Map<string, string | undefined>();

/**
 * Functions and auth.config.ts run in this process and read `process.env`, so the deployment's
 * variables are put there (see the README's limits: the host's variables are visible too).
 * Names no longer set are restored to what the host had.
 */
export function applyToProcessEnv(variables: Record<string, string>): void {
  for (const [name, host] of hostValues) {
    if (name in variables) continue;
    if (host === undefined) delete process.env[name];
    else process.env[name] = host;
    hostValues.delete(name);
  }
  for (const [name, value] of Object.entries(variables)) {
    if (!hostValues.has(name)) hostValues.set(name, process.env[name]);
    process.env[name] = value;
  }
}
