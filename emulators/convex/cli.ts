import { parseCli } from "../shared/cli-args.ts";
import { parseIssuerMapping } from "./auth/issuer-map.ts";
import { startConvex } from "./server.ts";

const HELP = `Local Convex: a Convex-compatible backend for a convex/ folder, offline.

Usage: npm run convex:local -- [options]

  --dir <folder>          the convex folder to serve (default convex)
  --port <n>              sync + HTTP API port (default 3210; 0 = any free port)
  --site-port <n>         HTTP actions port (default 3211; 0 = any free port)
  --data-dir <dir>        where documents are kept (default .local/convex)
  --in-memory             keep nothing on disk
  --reset                 delete the stored documents before starting
  --env-file <file>       Convex environment variables, KEY=VALUE per line
  --env KEY=VALUE         one Convex environment variable; repeat for more (wins over --env-file)
  --admin-key <key>       admin key for \`npx convex run\` (default: a random key kept in <data-dir>/admin-key, printed at start)
  --map-issuer FROM=TO    read auth.config.ts issuers and JWKS URLs under origin FROM as under TO, e.g.
                          https://api.workos.com=http://localhost:4100 (repeatable)
  --no-watch              do not reload functions when files change
  -h, --help              this help
`;

const { values, fail, port } = parseCli("convex:local", HELP, {
  dir: { type: "string" },
  port: { type: "string" },
  "site-port": { type: "string" },
  "data-dir": { type: "string" },
  "in-memory": { type: "boolean" },
  reset: { type: "boolean" },
  "env-file": { type: "string" },
  env: { type: "string", multiple: true },
  "admin-key": { type: "string" },
  "no-watch": { type: "boolean" },
  "map-issuer": { type: "string", multiple: true },
  help: { type: "boolean", short: "h" },
});

const env: Record<string, string> = {};
for (const pair of values.env ?? []) {
  const eq = pair.indexOf("=");
  if (eq <= 0) fail(`--env expects KEY=VALUE, got "${pair}"`);
  env[pair.slice(0, eq)] = pair.slice(eq + 1);
}

const issuerMap: Record<string, string> = {};
for (const text of values["map-issuer"] ?? []) {
  try {
    const [from, to] = parseIssuerMapping(text);
    issuerMap[from] = to;
  } catch (error) {
    fail((error as Error).message);
  }
}

try {
  const convex = await startConvex({
    convexDir: values.dir ?? "convex",
    port: port(values.port, "--port"),
    sitePort: port(values["site-port"], "--site-port"),
    dataDir: values["in-memory"] ? null : values["data-dir"],
    envFile: values["env-file"],
    env,
    adminKey: values["admin-key"],
    watch: !values["no-watch"],
    reset: values.reset,
    issuerMap,
  });
  let stopping = false;
  const stop = () => {
    // A second Ctrl-C leaves at once, without waiting for the last save.
    if (stopping) process.exit(1);
    stopping = true;
    void convex.close().then(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
} catch (error) {
  console.error(`convex:local: could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
