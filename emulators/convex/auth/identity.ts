import type { UserIdentity } from "convex/server";
import type { JWTPayload } from "jose";

const REGISTERED = new Set(["iss", "sub", "aud", "exp", "nbf", "iat", "jti"]);

const OIDC_CLAIMS: Record<string, string> = {
  name: "name",
  given_name: "givenName",
  family_name: "familyName",
  nickname: "nickname",
  preferred_username: "preferredUsername",
  profile: "profileUrl",
  picture: "pictureUrl",
  website: "websiteUrl",
  email: "email",
  email_verified: "emailVerified",
  gender: "gender",
  birthdate: "birthday",
  zoneinfo: "timezone",
  locale: "language",
  phone_number: "phoneNumber",
  phone_number_verified: "phoneNumberVerified",
};

function base(payload: JWTPayload): UserIdentity {
  const issuer = payload.iss!;
  const subject = payload.sub!;
  return { tokenIdentifier: `${issuer}|${subject}`, subject, issuer };
}

/** customJwt: claims copied without renaming, nested objects flattened to dotted keys, `fva` dropped. */
export function customJwtIdentity(payload: JWTPayload): UserIdentity {
  const identity: Record<string, unknown> = { ...base(payload) };
  const flatten = (prefix: string, value: unknown) => {
    if (typeof value === "object" && value !== null && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value)) flatten(`${prefix}.${k}`, v);
    } else {
      identity[prefix] = value;
    }
  };
  for (const [key, value] of Object.entries(payload)) {
    if (REGISTERED.has(key) || key === "fva") continue;
    flatten(key, value);
  }
  return identity as UserIdentity;
}

/** OIDC: standard claims get their typed camelCase names; other claims are copied as they are. */
export function oidcIdentity(payload: JWTPayload): UserIdentity {
  const identity: Record<string, unknown> = { ...base(payload) };
  for (const [key, value] of Object.entries(payload)) {
    if (REGISTERED.has(key) || key === "fva") continue;
    if (key === "address") {
      const formatted = (value as { formatted?: unknown } | null)?.formatted;
      if (typeof formatted === "string") identity.address = formatted;
    } else if (key === "updated_at") {
      identity.updatedAt = typeof value === "number" ? new Date(value * 1000).toISOString() : value;
    } else {
      identity[OIDC_CLAIMS[key] ?? key] = value;
    }
  }
  return identity as UserIdentity;
}
