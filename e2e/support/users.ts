import { randomBytes } from "node:crypto";
import { displayName, type DemoUser } from "../../emulators/authkit/demo-world.ts";

/** A person the tests sign in as; created fresh per test so tests never see each other's data. */
export interface TestUser {
  email: string;
  password: string;
  firstName: string;
  lastName: string;
  /** What the app greets them with: **Welcome, <name>**. */
  name: string;
}

/** A user that does not exist yet, with a unique email (for sign-up, or for `createUser`). */
export function newUser(firstName = "Test", lastName = "User"): TestUser {
  const id = randomBytes(4).toString("hex");
  return {
    email: `${firstName.toLowerCase()}-${id}@example.test`,
    password: `pass-${randomBytes(6).toString("hex")}`,
    firstName,
    lastName,
    name: `${firstName} ${lastName}`,
  };
}

/** A demo account of the local AuthKit's seed (`ALICE`, `BOB`, `CAROL` of demo-world.ts), as a test signs in with it. */
export function demoAccount(user: DemoUser): TestUser {
  return { email: user.email, password: user.password, firstName: user.first_name, lastName: user.last_name, name: displayName(user) };
}

/** Creates a verified user through the local AuthKit's test API (`POST /_local/users`). */
export async function createUser(authkitUrl: string, user: TestUser = newUser()): Promise<TestUser> {
  const response = await fetch(`${authkitUrl}/_local/users`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      email: user.email,
      password: user.password,
      first_name: user.firstName,
      last_name: user.lastName,
      email_verified: true,
    }),
  });
  if (response.status !== 201) {
    throw new Error(`POST /_local/users for ${user.email} answered ${response.status}: ${await response.text()}`);
  }
  return user;
}

/** The latest email verification code the local AuthKit "sent" (`GET /_local/codes?email=`). */
export async function verificationCode(authkitUrl: string, email: string): Promise<string> {
  const response = await fetch(`${authkitUrl}/_local/codes?${new URLSearchParams({ email })}`);
  if (!response.ok) throw new Error(`GET /_local/codes for ${email} answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as { verification_code: string | null };
  if (!body.verification_code) throw new Error(`No pending verification code for ${email}`);
  return body.verification_code;
}
