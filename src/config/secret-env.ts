// A WorkOS API key (`sk_test_…` / `sk_live_…`) is a server secret: it gives full access to the
// WorkOS environment. This SPA never needs one. Shared by the build (vite.config.ts) and
// `npm run dev` (emulators/dev/env-plan.ts), which both refuse to hand one to the browser.

export const SECRET_VALUE = /\bsk_(?:test|live)_[A-Za-z0-9]{8,}/;
const SECRET_NAME = /(?:^|_)(?:API_KEY|SECRET|PASSWORD|PRIVATE_KEY|COOKIE_PASSWORD)$/;

/**
 * The variables that would put a secret in the page: those the client sees (by `prefixes`, as
 * Vite's envPrefix) whose name says secret or whose value is a WorkOS API key.
 */
export function exposedSecrets(env: Record<string, string | undefined>, prefixes: string[]): string[] {
  return Object.entries(env)
    .filter(([name]) => prefixes.some((prefix) => name.startsWith(prefix)))
    .filter(([name, value]) => SECRET_NAME.test(name) || (typeof value === "string" && SECRET_VALUE.test(value)))
    .map(([name]) => name);
}
