import type { Fields } from "../../http/body.ts";
import { invalidField } from "../../http/errors.ts";
import { INVITATION_LOCALES } from "./locales.ts";

// A body field of the wrong type or shape is WorkOS's 422 invalid_request_parameters naming the
// field (SPEC lists it for send and resend), so the SDK raises UnprocessableEntityException.

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A string field, or undefined when absent, null or empty. */
export function textField(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw invalidField(name, `\`${name}\` must be a string.`);
  return value;
}

/** An email address, trimmed and lower-cased (as users' emails are). */
export function emailValue(value: string | undefined, name: string): string {
  if (value === undefined) throw invalidField(name, `\`${name}\` is required.`, "required");
  const email = value.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 320) throw invalidField(name, `\`${name}\` must be an email address, got "${value}".`);
  return email;
}

/** A whole number (a JSON number, or digits from a form body), or undefined when absent. */
export function integerField(fields: Fields, name: string): number | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === "") return undefined;
  const number = typeof value === "string" && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof number !== "number" || !Number.isSafeInteger(number)) throw invalidField(name, `\`${name}\` must be a whole number.`);
  return number;
}

/** `locale`, one of the locales WorkOS renders emails in, or undefined when absent. */
export function localeField(fields: Fields): string | undefined {
  const locale = textField(fields, "locale");
  if (locale !== undefined && !INVITATION_LOCALES.has(locale)) {
    throw invalidField("locale", `\`locale\` "${locale}" is not a locale WorkOS supports (e.g. "en", "en-GB", "fr").`);
  }
  return locale;
}
