import { test as base } from "@playwright/test";
import { startAppStack, type AppStack, type AppStackOptions } from "./support/app-stack.ts";
import { createUser, newUser, type TestUser } from "./support/users.ts";

/** Where a test's app and emulators are. */
export interface StackUrls {
  appUrl: string;
  authkitUrl: string;
  /** The local AuthKit's API key (server-side API calls, e.g. sending an invitation). */
  authkitApiKey: string;
  convexUrl: string;
}

/** The stack global-setup.ts started for every test that does not need one of its own. */
function sharedStack(): StackUrls {
  const { E2E_APP_URL, E2E_AUTHKIT_URL, E2E_AUTHKIT_API_KEY, E2E_CONVEX_URL } = process.env;
  if (!E2E_APP_URL || !E2E_AUTHKIT_URL || !E2E_AUTHKIT_API_KEY || !E2E_CONVEX_URL) {
    throw new Error("E2E_* URLs are not set: run the browser tests with `npm run test:e2e`, whose global setup starts the stack.");
  }
  return { appUrl: E2E_APP_URL, authkitUrl: E2E_AUTHKIT_URL, authkitApiKey: E2E_AUTHKIT_API_KEY, convexUrl: E2E_CONVEX_URL };
}

export const test = base.extend<{ user: TestUser }, { stack: StackUrls }>({
  stack: [async ({}, use) => use(sharedStack()), { scope: "worker" }],
  baseURL: async ({ stack }, use) => use(stack.appUrl),
  /** A fresh, verified user that exists in the local AuthKit (Convex learns of them at first sign-in). */
  user: async ({ stack }, use) => use(await createUser(stack.authkitUrl, newUser())),
});

/**
 * For a test file that needs a stack configured differently (short-lived tokens, cookie mode, an
 * emulator to restart): `stack`, `baseURL` and `user` point at a stack of its own, and
 * `ownStack` is the handle to disrupt it. It is a worker fixture, so Playwright runs the file in
 * a worker of its own, starts the stack once for the file and stops it with that worker.
 */
export function withOwnStack(options: AppStackOptions) {
  return test.extend<object, { ownStack: AppStack }>({
    ownStack: [
      async ({}, use) => {
        const own = await startAppStack(options);
        try {
          await use(own);
        } finally {
          await own.close();
        }
      },
      // A production build (preview mode) is part of this startup.
      { scope: "worker", timeout: 180_000 },
    ],
    stack: [async ({ ownStack }, use) => use(ownStack), { scope: "worker" }],
  });
}

export { expect } from "@playwright/test";
