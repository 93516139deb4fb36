import { readConfig, type ConfigProblem } from "../../src/config/config.ts";
import { exposedSecrets } from "../../src/config/secret-env.ts";
import { fail, pass, warn, type CheckResult } from "./check.ts";
import { isLoopbackUrl, type DoctorInputs, type Target } from "./inputs.ts";

// The values .env.local.example ships with: copied unchanged they point at nobody's account.
const PLACEHOLDERS: [string, RegExp][] = [
  ["VITE_WORKOS_CLIENT_ID", /XXXX/],
  ["VITE_CONVEX_URL", /happy-animal-123/],
];

/** The offline checks of the app's environment: the files, their values, and Vite's port. */
export function checkEnvFile(inputs: DoctorInputs, target: Target): CheckResult[] {
  const results: CheckResult[] = [envFileCheck(inputs, target)];
  const raw = inputs.envFiles.values;

  const [secret, ...more] = exposedSecrets(raw, ["VITE_"]);
  results.push(
    secret === undefined
      ? pass("env.secrets", "No secret in a VITE_ variable", "no API key or secret-named VITE_ variable")
      : fail(
          "env.secrets",
          "No secret in a VITE_ variable",
          `${[secret, ...more].join(", ")} looks like a secret, and every VITE_ variable is embedded in the page`,
          `Remove it from ${inputs.envFiles.found.join(" / ") || ".env.local"}; a WorkOS API key belongs in the Convex deployment only (npx convex env set WORKOS_API_KEY sk_…). Revoke the key in the WorkOS dashboard → API Keys if it was ever built or deployed.`,
        ),
  );

  if (target.mode === "real") {
    const left = PLACEHOLDERS.filter(([name, pattern]) => pattern.test(raw[name] ?? "")).map(([name]) => name);
    results.push(
      left.length === 0
        ? pass("env.placeholders", "No placeholder left from .env.local.example", "none")
        : fail(
            "env.placeholders",
            "No placeholder left from .env.local.example",
            `${left.join(" and ")} still ${left.length === 1 ? "has its" : "have their"} example value`,
            "Put in your WorkOS client ID (dashboard → API Keys) and the Convex URL `npx convex dev` printed, or delete .env.local to use the local stack (npm run dev).",
          ),
    );
  }

  const config = readConfig(target.env, target.appOrigin);
  const problems = config.ok ? [] : config.problems;
  const about = (...variables: string[]) => problems.filter((p) => variables.includes(p.variable));

  results.push(
    fromProblems("env.client-id", "WorkOS client ID", about("VITE_WORKOS_CLIENT_ID"), () =>
      /^client_[A-Za-z0-9]+$/.test(target.clientId)
        ? pass("env.client-id", "WorkOS client ID", target.clientId)
        : fail(
            "env.client-id",
            "WorkOS client ID",
            `"${target.clientId}" has characters a WorkOS client ID never has`,
            "Copy the Client ID from the WorkOS dashboard → API Keys into VITE_WORKOS_CLIENT_ID.",
          ),
    ),
  );
  results.push(
    fromProblems("env.redirect-uri", "Redirect URI is the app's /callback", about("VITE_WORKOS_REDIRECT_URI"), () =>
      pass("env.redirect-uri", "Redirect URI is the app's /callback", target.redirectUri),
    ),
  );
  results.push(viteCheck(inputs));
  results.push(
    fromProblems(
      "env.authkit-host",
      "AuthKit API host",
      about("VITE_WORKOS_API_HOSTNAME", "VITE_WORKOS_API_PORT", "VITE_WORKOS_API_HTTPS", "VITE_WORKOS_DEV_MODE"),
      () => pass("env.authkit-host", "AuthKit API host", target.authkitUrl),
    ),
  );
  results.push(fromProblems("env.convex-url", "Convex URL", about("VITE_CONVEX_URL"), () => convexUrlShape(target.convexUrl)));
  return results;
}

function envFileCheck(inputs: DoctorInputs, target: Target): CheckResult {
  const id = "env.file";
  const title = "App environment";
  const files = inputs.envFiles.found;
  if (target.mode === "real") {
    // Vite also takes VITE_ variables from the shell's environment, with no file at all.
    return pass(id, title, `${files.join(", ") || "the shell's environment"}: real WorkOS client ${target.clientId}; npm run dev runs Vite alone, with npx convex dev beside it`);
  }
  const where = `local AuthKit ${target.authkitUrl}, local Convex ${target.convexUrl}`;
  if (files.length === 0) return pass(id, title, `no .env.local: npm run dev runs the app on the local stack (${where})`);
  const replaced = Object.keys(inputs.envFiles.values).filter(
    (name) => (name.startsWith("VITE_WORKOS_") || name === "VITE_CONVEX_URL") && !["VITE_WORKOS_CLIENT_ID", "VITE_WORKOS_DEV_MODE"].includes(name) && inputs.envFiles.values[name] !== "",
  );
  if (replaced.length === 0) {
    return pass(id, title, `${files.join(", ")} has no WorkOS client ID of its own: npm run dev runs the app on the local stack (${where})`);
  }
  return warn(
    id,
    title,
    `${files.join(", ")} has no WorkOS client ID of its own, so npm run dev runs the local stack (${where}) and ignores ${replaced.join(", ")}`,
    "To use real WorkOS and Convex, set VITE_WORKOS_CLIENT_ID to your client ID; otherwise remove those lines.",
  );
}

function viteCheck(inputs: DoctorInputs): CheckResult {
  const { port, strictPort } = inputs.vite;
  const title = "Vite keeps the app on one port";
  return strictPort
    ? pass("env.vite-port", title, `vite.config.ts: port ${port}, strictPort`)
    : fail(
        "env.vite-port",
        title,
        `vite.config.ts: port ${port} without strictPort, so Vite moves to the next port when ${port} is taken and the redirect URI stops matching`,
        `Set server: { port: ${port}, strictPort: true } in vite.config.ts.`,
      );
}

/** A check from src/config/config.ts's verdict on its variables (the app's own start-up rules). */
function fromProblems(id: string, title: string, problems: ConfigProblem[], otherwise: () => CheckResult): CheckResult {
  const [first] = problems;
  if (first === undefined) return otherwise();
  return fail(
    id,
    title,
    problems.map((p) => `${p.variable}: ${p.problem}`).join(" "),
    problems.map((p) => p.fix).join(" "),
  );
}

function convexUrlShape(convexUrl: string): CheckResult {
  const id = "env.convex-url";
  const title = "Convex URL";
  const url = new URL(convexUrl);
  if (url.hostname.endsWith(".convex.site")) {
    return fail(
      id,
      title,
      `${convexUrl} is the deployment's HTTP actions origin (.convex.site), not its API`,
      `Use ${convexUrl.replace(".convex.site", ".convex.cloud")} (the URL npx convex dev prints) in VITE_CONVEX_URL.`,
    );
  }
  if (url.protocol === "https:" && url.hostname.endsWith(".convex.cloud")) return pass(id, title, convexUrl);
  if (isLoopbackUrl(convexUrl)) return pass(id, title, `${convexUrl} (a Convex on this machine)`);
  return warn(
    id,
    title,
    `${convexUrl} is neither https://<name>.convex.cloud nor a Convex on this machine`,
    "Fine for a custom domain or a self-hosted backend; otherwise use the URL npx convex dev prints.",
  );
}
