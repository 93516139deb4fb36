import { defineCollection } from "./collection.ts";
import { normalizeEmail } from "./users.ts";

export type CodeKind = "email_verification" | "password_reset" | "magic_auth";

/** An emailed code; one per address and kind (a new one replaces the last). */
export interface CodeRecord {
  email: string;
  kind: CodeKind;
  code: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export function codeKey(email: string, kind: CodeKind): string {
  return `${kind}:${normalizeEmail(email)}`;
}

export const codes = defineCollection<CodeRecord>()({
  name: "codes",
  key: (code) => codeKey(code.email, code.kind),
  indexes: {},
});
