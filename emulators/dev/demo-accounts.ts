/**
 * The demo users the local AuthKit seeds (emulators/authkit/seed.json), as `npm run dev` and the
 * browser tests present them. The seed is the source; this is the summary people read.
 */
export const DEMO_PASSWORD = "demo-password";

export const DEMO_ACCOUNTS = [
  { email: "alice@example.com", name: "Alice Anderson", organizations: "Acme Corp (admin), Globex (member) — sees the organization picker" },
  { email: "bob@example.com", name: "Bob Brown", organizations: "Acme Corp (member)" },
  { email: "carol@example.com", name: "Carol Clark", organizations: "no organization" },
] as const;
