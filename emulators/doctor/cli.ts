import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runDoctor } from "./doctor.ts";
import { readEnvFiles } from "./inputs.ts";
import { formatJson, formatReport } from "./report.ts";
import { readViteServer } from "./vite-server.ts";

const USAGE = `npm run doctor [-- options]

Checks the app's setup (the Convex + AuthKit checklist) and prints one line per check.
Exits 1 when a check fails.

  --json            the report as JSON
  --token <jwt>     also check this access token: which provider of convex/auth.config.ts it
                    matches, and whether Convex accepts it. To get one: sign in to the app, then
                    in the browser's devtools → Network, the response of
                    POST /user_management/authenticate has it as access_token.
  --root <dir>      the repository (default: this one)
  -h, --help`;

async function main(): Promise<number> {
  let args;
  try {
    args = parseArgs({
      options: {
        json: { type: "boolean", default: false },
        token: { type: "string" },
        root: { type: "string" },
        "sign-in": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  if (args["sign-in"]) {
    console.error("--sign-in is not available: sign in to the app yourself and pass the access token with --token (see --help for where to find it).");
    return 2;
  }
  const root = path.resolve(args.root ?? fileURLToPath(new URL("../..", import.meta.url)));
  const report = await runDoctor({
    root,
    envFiles: readEnvFiles(root),
    vite: await readViteServer(root),
    ...(args.token !== undefined && { token: args.token.trim() }),
  });
  console.log(args.json ? formatJson(report) : formatReport(report));
  return report.ok ? 0 : 1;
}

process.exitCode = await main();
