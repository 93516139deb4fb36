import { loadEnv } from "vite";
import { exposedSecrets } from "../../src/config/secret-env.ts";

/**
 * What `npm run dev` should run, decided from `.env.local` (and friends) as Vite reads them:
 * no WorkOS client ID (or the local AuthKit's own, `client_local`) means the embedded default,
 * the local stack; another client ID means real WorkOS and Convex, whose values must then be
 * complete, well-formed and not the example file's placeholders.
 */
export type DevPlan =
  | { kind: "local"; passThrough: Record<string, string>; ignored: string[] }
  | { kind: "real"; env: Record<string, string> };

/** A problem the person running `npm run dev` can fix; its message says how, in one line. */
export class DevProblem extends Error {}

const LOCAL_CLIENT_ID = "client_local";

/** Reads `<root>/.env*` as Vite does in development mode; `appOrigin` is where Vite will serve the app. */
export function planDev(root: string, appOrigin: string): DevPlan {
  const env = loadEnv("development", root, "VITE_");
  const [secret] = exposedSecrets(env, ["VITE_"]);
  if (secret !== undefined) {
    throw new DevProblem(
      `${secret} in .env.local looks like a secret, and every VITE_ variable is sent to the browser: remove it (a WorkOS API key belongs on a server, never in this app).`,
    );
  }
  const dev = env.VITE_WORKOS_DEV_MODE ?? "";
  if (dev !== "" && dev !== "true" && dev !== "false") {
    throw new DevProblem(`VITE_WORKOS_DEV_MODE in .env.local is "${dev}": use true, false, or remove the line.`);
  }
  if (!env.VITE_WORKOS_CLIENT_ID || env.VITE_WORKOS_CLIENT_ID === LOCAL_CLIENT_ID) {
    // The stack supplies every other value; a leftover one would point the app elsewhere.
    const ignored = Object.keys(env).filter((k) => k.startsWith("VITE_WORKOS_") || k === "VITE_CONVEX_URL");
    return {
      kind: "local",
      passThrough: dev ? { VITE_WORKOS_DEV_MODE: dev } : {},
      ignored: ignored.filter((k) => k !== "VITE_WORKOS_DEV_MODE" && k !== "VITE_WORKOS_CLIENT_ID" && env[k] !== ""),
    };
  }
  validateReal(env, appOrigin);
  return { kind: "real", env };
}

function validateReal(env: Record<string, string>, appOrigin: string): void {
  const fix = "fix it in .env.local (see .env.local.example), or remove VITE_WORKOS_CLIENT_ID to use the local stack.";
  if (!/^client_[A-Za-z0-9]+$/.test(env.VITE_WORKOS_CLIENT_ID)) {
    throw new DevProblem(
      `VITE_WORKOS_CLIENT_ID "${env.VITE_WORKOS_CLIENT_ID}" does not look like a WorkOS client ID (client_…): ${fix}`,
    );
  }
  if (/XXXX/.test(env.VITE_WORKOS_CLIENT_ID) || /happy-animal-123/.test(env.VITE_CONVEX_URL ?? "")) {
    throw new DevProblem(
      "Your .env.local still has the placeholder values of .env.local.example: put in your WorkOS client ID and Convex URL, " +
        "or delete .env.local to use the local stack.",
    );
  }
  const redirect = parseUrl(env.VITE_WORKOS_REDIRECT_URI);
  if (!redirect) throw new DevProblem(`VITE_WORKOS_REDIRECT_URI is missing or not a URL: ${fix}`);
  if (redirect.origin !== appOrigin) {
    throw new DevProblem(
      `VITE_WORKOS_REDIRECT_URI is on ${redirect.origin} but the dev server runs on ${appOrigin}: ` +
        `use ${appOrigin}/callback (and register it in the WorkOS dashboard).`,
    );
  }
  const convex = parseUrl(env.VITE_CONVEX_URL);
  if (!convex || !/^https?:$/.test(convex.protocol)) {
    throw new DevProblem(`VITE_CONVEX_URL is missing or not an http(s) URL: run \`npx convex dev\` once and copy its URL, or ${fix}`);
  }
  const https = env.VITE_WORKOS_API_HTTPS ?? "";
  if (https !== "" && https !== "true" && https !== "false") {
    throw new DevProblem(`VITE_WORKOS_API_HTTPS is "${https}": use true, false, or remove the line.`);
  }
  const port = env.VITE_WORKOS_API_PORT ?? "";
  if (port !== "" && !(/^\d+$/.test(port) && Number(port) > 0 && Number(port) < 65536)) {
    throw new DevProblem(`VITE_WORKOS_API_PORT is "${port}": use a port number, or remove the line.`);
  }
}

function parseUrl(value: string | undefined): URL | undefined {
  if (!value) return undefined;
  try {
    return new URL(value);
  } catch {
    return undefined;
  }
}
