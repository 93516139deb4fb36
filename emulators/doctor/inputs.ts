import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { loadEnv } from "vite";
import { LOCAL_DEFAULTS } from "../stack.ts";
import type { ViteServer } from "./vite-server.ts";

/** The `.env*` files Vite reads in development, in its order (later wins). */
export const ENV_FILES = [".env", ".env.local", ".env.development", ".env.development.local"] as const;

export interface EnvFiles {
  /** Which of ENV_FILES exist. */
  found: string[];
  /** The values Vite would give the app (`VITE_…`) and the Convex CLI reads (`CONVEX_…`). */
  values: Record<string, string>;
}

/** Everything the doctor looks at, as parameters, so tests never read the developer's own files. */
export interface DoctorInputs {
  /** The repository: convex/, node_modules/, vite.config.ts, .local/. */
  root: string;
  envFiles: EnvFiles;
  /** Where Vite serves the app (vite.config.ts's server.port and strictPort). */
  vite: ViteServer;
  /** Where the local stack listens when the app runs on it (`npm run dev` without a client ID). */
  local?: { authkitUrl: string; convexUrl: string };
  /** A self-hosted (local) Convex's admin key; default `CONVEX_SELF_HOSTED_ADMIN_KEY` or `.local/convex/admin-key`. */
  convexAdminKey?: string;
  /** An access token to check (`--token`). */
  token?: string;
  httpTimeoutMs?: number;
  /** For the Convex CLI (`convex env list`, `convex codegen --dry-run`). */
  cliTimeoutMs?: number;
}

/** Reads the env files as Vite does for `npm run dev` (variables already in the environment win). */
export function readEnvFiles(root: string): EnvFiles {
  return {
    found: ENV_FILES.filter((name) => existsSync(path.join(root, name))),
    values: loadEnv("development", root, ["VITE_", "CONVEX_"]),
  };
}

/** What the app will run against: decided from the env files the way `npm run dev` decides it. */
export interface Target {
  mode: "local" | "real";
  appOrigin: string;
  /** The app's VITE_ variables as it will run with them (the stack's, in local mode). */
  env: Record<string, string>;
  clientId: string;
  redirectUri: string;
  /** The AuthKit API origin the app talks to, e.g. https://api.workos.com or http://localhost:4100. */
  authkitUrl: string;
  convexUrl: string;
  /** Set for a self-hosted Convex (the local one): what the CLI's self-hosted mode needs. */
  selfHosted?: { url: string; adminKey: string | undefined };
}

export const WORKOS_API = "https://api.workos.com";

export function isLocalClientId(clientId: string | undefined): boolean {
  return !clientId || clientId === LOCAL_DEFAULTS.clientId;
}

export function resolveTarget(inputs: DoctorInputs): Target {
  const appOrigin = `http://localhost:${inputs.vite.port}`;
  const values = inputs.envFiles.values;
  if (isLocalClientId(values.VITE_WORKOS_CLIENT_ID)) {
    const authkitUrl = inputs.local?.authkitUrl ?? `http://localhost:${LOCAL_DEFAULTS.authkitPort}`;
    const convexUrl = inputs.local?.convexUrl ?? `http://127.0.0.1:${LOCAL_DEFAULTS.convexPort}`;
    const api = new URL(authkitUrl);
    // The same variables startLocalStack() gives Vite.
    const env: Record<string, string> = {
      VITE_WORKOS_CLIENT_ID: LOCAL_DEFAULTS.clientId,
      VITE_WORKOS_REDIRECT_URI: `${appOrigin}/callback`,
      VITE_WORKOS_API_HOSTNAME: api.hostname,
      VITE_WORKOS_API_PORT: api.port,
      VITE_WORKOS_API_HTTPS: String(api.protocol === "https:"),
      VITE_CONVEX_URL: convexUrl,
    };
    return {
      mode: "local",
      appOrigin,
      env,
      clientId: LOCAL_DEFAULTS.clientId,
      redirectUri: env.VITE_WORKOS_REDIRECT_URI,
      authkitUrl: api.origin,
      convexUrl,
      selfHosted: { url: convexUrl, adminKey: adminKeyFor(inputs) },
    };
  }
  const env = Object.fromEntries(Object.entries(values).filter(([name]) => name.startsWith("VITE_")));
  const convexUrl = (env.VITE_CONVEX_URL ?? "").replace(/\/+$/, "");
  return {
    mode: "real",
    appOrigin,
    env,
    clientId: env.VITE_WORKOS_CLIENT_ID ?? "",
    redirectUri: env.VITE_WORKOS_REDIRECT_URI ?? "",
    authkitUrl: authkitUrlOf(env),
    convexUrl,
    ...(isLoopbackUrl(convexUrl) && { selfHosted: { url: convexUrl, adminKey: adminKeyFor(inputs) } }),
  };
}

/** The origin authkit-js calls, from the same variables src/config/config.ts reads. */
export function authkitUrlOf(env: Record<string, string>): string {
  const hostname = env.VITE_WORKOS_API_HOSTNAME || "api.workos.com";
  const scheme = env.VITE_WORKOS_API_HTTPS === "false" ? "http" : "https";
  const port = env.VITE_WORKOS_API_PORT ? `:${env.VITE_WORKOS_API_PORT}` : "";
  try {
    return new URL(`${scheme}://${hostname}${port}`).origin;
  } catch {
    return `${scheme}://${hostname}${port}`;
  }
}

export function isLoopbackUrl(url: string): boolean {
  try {
    return ["localhost", "127.0.0.1", "[::1]"].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

function adminKeyFor(inputs: DoctorInputs): string | undefined {
  if (inputs.convexAdminKey) return inputs.convexAdminKey;
  if (inputs.envFiles.values.CONVEX_SELF_HOSTED_ADMIN_KEY) return inputs.envFiles.values.CONVEX_SELF_HOSTED_ADMIN_KEY;
  const file = path.join(inputs.root, LOCAL_DEFAULTS.dataDir, "convex", "admin-key");
  return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}
