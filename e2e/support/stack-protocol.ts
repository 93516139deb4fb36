/** What the test runner and a stack process (stack-process.ts) say to each other. */
export interface StackProcessOptions {
  /** `dev`: the Vite dev server, as `npm run dev` serves the app; `preview`: a production build served by `vite preview`. */
  server: "dev" | "preview";
  /** Keep emulator data in a temporary folder (needed to restart an emulator without losing it); default in memory. */
  persistent?: boolean;
  accessTokenTtlSeconds?: number;
  /** `VITE_WORKOS_DEV_MODE`; undefined = the SDK's rule (dev mode on localhost). */
  devMode?: boolean;
  /** Preview mode only: build into this folder (kept, with a Vite manifest) instead of a temporary one. */
  outDir?: string;
  logFile: string;
}

export type StackCommand = "stop-convex" | "start-convex" | "stop-authkit" | "start-authkit";

export interface StackUrls {
  appUrl: string;
  authkitUrl: string;
  /** The local AuthKit's API key, for tests that call its server API as the app's server does. */
  authkitApiKey: string;
  convexUrl: string;
  viteEnv: Record<string, string>;
}
