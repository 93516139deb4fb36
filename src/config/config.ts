/**
 * The one place that reads the environment. Everything the app needs to reach WorkOS and Convex
 * is read and checked here at start-up; anything wrong becomes a `ConfigProblem` that names the
 * variable and the fix, and `main.tsx` shows those instead of starting the app.
 */

export type AppConfig = {
  workos: {
    clientId: string;
    redirectUri: string;
    /** Unset means WorkOS itself (api.workos.com). */
    apiHostname?: string;
    port?: number;
    https?: boolean;
    /** Unset means the SDK's rule: dev mode on localhost / 127.0.0.1. */
    devMode?: boolean;
  };
  convexUrl: string;
};

export type ConfigProblem = {
  variable: string;
  problem: string;
  fix: string;
};

export type ConfigResult =
  | { ok: true; config: AppConfig }
  | { ok: false; problems: ConfigProblem[] };

/** The variables the app reads. */
export type EnvName =
  | "VITE_WORKOS_CLIENT_ID"
  | "VITE_WORKOS_REDIRECT_URI"
  | "VITE_WORKOS_API_HOSTNAME"
  | "VITE_WORKOS_API_PORT"
  | "VITE_WORKOS_API_HTTPS"
  | "VITE_WORKOS_DEV_MODE"
  | "VITE_CONVEX_URL";

/** The environment as Vite exposes it on `import.meta.env` (values are strings when set). */
export type AppEnv = Readonly<Partial<Record<EnvName, unknown>>> | Readonly<Record<string, unknown>>;

const SETUP_HINT = "add it to .env.local, where .env.local.example explains every variable (or run npm run dev, which sets it for you)";

function read(env: AppEnv, name: EnvName): string | undefined {
  const value = (env as Record<string, unknown>)[name];
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}

function parseBoolean(
  env: AppEnv,
  name: EnvName,
  problems: ConfigProblem[],
  meaning: string,
): boolean | undefined {
  const value = read(env, name);
  if (value === undefined) return undefined;
  if (value === "true") return true;
  if (value === "false") return false;
  problems.push({
    variable: name,
    problem: `"${value}" is not a boolean.`,
    fix: `Set ${name} to true or false (${meaning}), or remove it to use the default.`,
  });
  return undefined;
}

export function readConfig(env: AppEnv, pageOrigin: string): ConfigResult {
  const problems: ConfigProblem[] = [];

  const clientId = read(env, "VITE_WORKOS_CLIENT_ID");
  if (clientId === undefined) {
    problems.push({
      variable: "VITE_WORKOS_CLIENT_ID",
      problem: "It is not set, so the app cannot start a WorkOS sign-in.",
      fix: `Set it to your WorkOS client ID (client_…, WorkOS dashboard → API Keys): ${SETUP_HINT}.`,
    });
  } else if (/^sk_/.test(clientId)) {
    problems.push({
      variable: "VITE_WORKOS_CLIENT_ID",
      problem: "It holds a WorkOS API key (sk_…), a server secret that must never be in a browser app.",
      fix: "Replace it with the client ID (client_…) and revoke that API key in the WorkOS dashboard.",
    });
  } else if (!clientId.startsWith("client_")) {
    problems.push({
      variable: "VITE_WORKOS_CLIENT_ID",
      problem: `"${clientId}" does not look like a WorkOS client ID (they start with client_).`,
      fix: "Copy the Client ID from the WorkOS dashboard → API Keys (the local AuthKit uses client_local).",
    });
  }

  const redirectUri = read(env, "VITE_WORKOS_REDIRECT_URI");
  const expectedRedirect = `${pageOrigin}/callback`;
  if (redirectUri === undefined) {
    problems.push({
      variable: "VITE_WORKOS_REDIRECT_URI",
      problem: "It is not set, so WorkOS would not know where to send people after they sign in.",
      fix: `Set it to ${expectedRedirect} and register the same URI in the WorkOS dashboard → Redirects: ${SETUP_HINT}.`,
    });
  } else {
    let url: URL | undefined;
    try {
      url = new URL(redirectUri);
    } catch {
      url = undefined;
    }
    if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
      problems.push({
        variable: "VITE_WORKOS_REDIRECT_URI",
        problem: `"${redirectUri}" is not an absolute http(s) URL.`,
        fix: `Set it to ${expectedRedirect}.`,
      });
    } else if (url.origin !== pageOrigin) {
      problems.push({
        variable: "VITE_WORKOS_REDIRECT_URI",
        problem: `Its origin ${url.origin} is not this page's origin ${pageOrigin}, so the sign-in could not be finished here (the PKCE verifier lives in this origin's storage).`,
        fix: `Set it to ${expectedRedirect} (and register it in WorkOS), or open the app at ${url.origin}.`,
      });
    } else if (url.pathname !== "/callback") {
      problems.push({
        variable: "VITE_WORKOS_REDIRECT_URI",
        problem: `Its path ${url.pathname} is not this app's callback route /callback.`,
        fix: `Set it to ${expectedRedirect} and register that URI in the WorkOS dashboard → Redirects.`,
      });
    }
  }

  const apiHostname = read(env, "VITE_WORKOS_API_HOSTNAME");
  if (apiHostname !== undefined && !/^[A-Za-z0-9.-]+$/.test(apiHostname)) {
    problems.push({
      variable: "VITE_WORKOS_API_HOSTNAME",
      problem: `"${apiHostname}" is not a bare host name.`,
      fix: "Give only the host (e.g. auth.example.com or localhost); the port goes in VITE_WORKOS_API_PORT and the scheme in VITE_WORKOS_API_HTTPS.",
    });
  }

  const portText = read(env, "VITE_WORKOS_API_PORT");
  let port: number | undefined;
  if (portText !== undefined) {
    port = /^\d+$/.test(portText) ? Number(portText) : NaN;
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      problems.push({
        variable: "VITE_WORKOS_API_PORT",
        problem: `"${portText}" is not a port number.`,
        fix: "Set it to a number between 1 and 65535 (4100 for the local AuthKit), or remove it for the default port.",
      });
      port = undefined;
    }
  }

  const https = parseBoolean(env, "VITE_WORKOS_API_HTTPS", problems, "false only for the local AuthKit over plain http");
  // Over plain http every access and refresh token would cross the network readable by anyone on it.
  if (https === false && apiHostname !== "localhost" && apiHostname !== "127.0.0.1") {
    problems.push({
      variable: "VITE_WORKOS_API_HTTPS",
      problem: `It is false, so tokens would go to ${apiHostname ?? "api.workos.com"} over plain http.`,
      fix: "Remove it (https is the default); false is only for the local AuthKit on localhost.",
    });
  }
  const devMode = parseBoolean(
    env,
    "VITE_WORKOS_DEV_MODE",
    problems,
    "true keeps the refresh token in localStorage; false uses the production cookie mode",
  );

  const convexUrl = read(env, "VITE_CONVEX_URL");
  if (convexUrl === undefined) {
    problems.push({
      variable: "VITE_CONVEX_URL",
      problem: "It is not set, so the app has no backend to talk to.",
      fix: `Set it to your deployment URL (https://<name>.convex.cloud, printed by npx convex dev): ${SETUP_HINT}.`,
    });
  } else {
    let ok = false;
    try {
      const url = new URL(convexUrl);
      ok = url.protocol === "http:" || url.protocol === "https:";
    } catch {
      ok = false;
    }
    if (!ok) {
      problems.push({
        variable: "VITE_CONVEX_URL",
        problem: `"${convexUrl}" is not an http(s) URL.`,
        fix: "Set it to the deployment URL, e.g. https://happy-animal-123.convex.cloud (or http://127.0.0.1:3210 for the local Convex).",
      });
    }
  }

  if (problems.length > 0 || clientId === undefined || redirectUri === undefined || convexUrl === undefined) {
    return { ok: false, problems };
  }
  return {
    ok: true,
    config: {
      workos: { clientId, redirectUri, apiHostname, port, https, devMode },
      convexUrl: convexUrl.replace(/\/+$/, ""),
    },
  };
}
