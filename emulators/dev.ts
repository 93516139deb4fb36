/**
 * `npm run dev`: the app with everything it needs. With no WorkOS client ID in `.env.local` it
 * starts the local AuthKit, the local Convex and Vite, wired together on fixed ports; with real
 * values it runs Vite alone against them. Problems a person can fix end in one line saying how.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEMO_PASSWORD } from "./authkit/demo-world.ts";
import { DEMO_ACCOUNTS } from "./dev/demo-accounts.ts";
import { devLogLine, parseDevArgs, useColor } from "./dev/dev-log.ts";
import { DevProblem } from "./dev/env-plan.ts";
import { startDev, type DevSession } from "./dev/start-dev.ts";

const root = fileURLToPath(new URL("..", import.meta.url));

async function main(): Promise<void> {
  let verbose: boolean;
  try {
    ({ verbose } = parseDevArgs(process.argv.slice(2), process.env));
  } catch (error) {
    throw new DevProblem((error as Error).message);
  }
  const color = useColor(process.stdout, process.env);
  const session = await startDev({ root, verbose, log: (line) => console.log(devLogLine(line, color)) });
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await session.stop();
    console.log(session.mode === "local" ? "Stopped Vite, the local AuthKit and the local Convex." : "Stopped Vite.");
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  void session.viteExited.then((code) => {
    if (stopping) return;
    if (code) console.error(`Vite stopped with exit code ${code}.`);
    void stop(code);
  });
  void session.convexDev?.exited.then((code) => {
    if (stopping) return;
    console.error(
      `convex dev stopped (exit code ${code}), so edits to convex/ are no longer pushed; the app keeps running on the code pushed last. See its output above, then restart npm run dev.`,
    );
  });
  console.log(banner(session, verbose));
}

function banner(session: DevSession, verbose: boolean): string {
  if (session.mode === "real" || !session.stack) {
    return [
      "",
      `Using real WorkOS (${session.realEnv?.VITE_WORKOS_CLIENT_ID}) and Convex (${session.realEnv?.VITE_CONVEX_URL}) from .env.local.`,
      "Keep `npx convex dev --codegen disable` running in a second terminal: it deploys convex/ to that deployment as you edit (README, Connect real WorkOS and Convex).",
      `Open ${session.appUrl} — press Ctrl-C to stop.`,
      "",
    ].join("\n");
  }
  const { stack } = session;
  const rel = (p: string | null | undefined) => (p ? path.relative(root, p) || "." : "memory");
  return [
    "",
    ...(session.overridden?.length
      ? [`No real VITE_WORKOS_CLIENT_ID in .env.local, so the local stack sets ${session.overridden.join(", ")} itself.`]
      : []),
    "Local stack ready: no account or internet needed.",
    `  App            ${session.appUrl}`,
    `  Local AuthKit  ${stack.authkit.url}   (data in ${rel(stack.authkitOptions.dataDir)}/)`,
    `  Local Convex   ${stack.convex.url}  (data in ${rel(stack.convexOptions.dataDir)}/; \`convex dev\` pushes convex/ on save, its lines start with [convex dev])`,
    "",
    `Demo accounts (password for all: ${DEMO_PASSWORD}):`,
    ...DEMO_ACCOUNTS.map((a) => `  ${a.email.padEnd(20)} ${a.name.padEnd(16)} ${a.organizations}`),
    "Or sign up with any email: the verification code is printed in this log.",
    verbose ? "Verbose: every request to the local AuthKit and every function's console output is logged." : "Per-request logs of the emulators: npm run dev -- --verbose",
    "",
    `Open ${session.appUrl} — press Ctrl-C to stop everything. Delete .local/ to start over with fresh data.`,
    "",
  ].join("\n");
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof DevProblem ? `npm run dev: ${message}` : `npm run dev could not start: ${message}`);
  process.exit(1);
});
