/**
 * The local Convex for the load bench, in its own process so its memory is its own: started by
 * `convex-load.ts` with `fork`, it runs this app's `convex/` folder in memory and answers over IPC
 * (`{ url }` once listening, `{ rss, cpuMs }` for each `"rss"` request). Extra Node flags for it (e.g.
 * `--cpu-prof`) come from `BENCH_CONVEX_NODE_OPTIONS` in the parent.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startConvex } from "../../emulators/convex/server.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));
const [clientId, apiUrl] = process.argv.slice(2);
if (!clientId || !apiUrl || !process.send) {
  throw new Error("convex-load-server.ts is started by e2e/bench/convex-load.ts (fork with <clientId> <apiUrl>), not by hand");
}

const convex = await startConvex({
  convexDir: path.join(root, "convex"),
  port: 0,
  sitePort: 0,
  dataDir: null,
  watch: false,
  log: false,
  env: { WORKOS_CLIENT_ID: clientId, WORKOS_API_URL: apiUrl },
});
process.on("message", (message) => {
  if (message === "rss") {
    const cpu = process.cpuUsage();
    process.send?.({ rss: process.memoryUsage().rss, cpuMs: (cpu.user + cpu.system) / 1000 });
  }
  if (message === "stop") void convex.close().then(() => process.exit(0));
});
process.send({ url: convex.url });
