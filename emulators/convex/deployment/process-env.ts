/** The host's own values for names a deployment has set, so removing a variable brings them back. */
const hostValues = new Map<string, string | undefined>();

/**
 * Functions and auth.config.ts run in this process and read `process.env`, so the deployment's
 * variables are put there (see the README's limits: the host's variables are visible too).
 * `removed` names go back to what the host had. Only names given are touched: another server in
 * the same process (tests) keeps the variables it set.
 */
export function applyToProcessEnv(variables: Record<string, string>, removed: string[] = []): void {
  for (const name of removed) {
    if (name in variables || !hostValues.has(name)) continue;
    const host = hostValues.get(name);
    if (host === undefined) delete process.env[name];
    else process.env[name] = host;
    hostValues.delete(name);
  }
  for (const [name, value] of Object.entries(variables)) {
    if (!hostValues.has(name)) hostValues.set(name, process.env[name]);
    process.env[name] = value;
  }
}
