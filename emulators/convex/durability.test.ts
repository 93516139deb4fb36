import { cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ConvexHttpClient } from "convex/browser";
import { afterEach, describe, expect, test } from "vitest";
import { api } from "./fixtures/basic/convex/_generated/api.js";
import { freePort } from "../dev/ports.ts";
import { startConvexProcess, type ConvexProcess } from "./testing/child-process.ts";
import { recover } from "./persistence.ts";
import { authEnv, eventually, newClient, scratchCopy, startBasic } from "./testing/harness.ts";
import { createTestIssuer } from "./testing/tokens.ts";

const KILLS = 10;
const WRITERS = 8;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function freshDeployment() {
  const project = scratchCopy();
  cleanups.push(() => project.remove());
  const issuer = await createTestIssuer();
  return {
    project,
    options: {
      convexDir: project.convexDir,
      dataDir: project.dataDir,
      // The same ports every time, so it is the same deployment coming back.
      port: await freePort(),
      sitePort: await freePort(),
      env: authEnv(issuer),
    },
  };
}

describe("an acknowledged write is durable", () => {
  // Eleven process starts dominate the time; the bound is for a machine shared with other work.
  test(`every mutation the client saw succeed is there after ${KILLS} kill -9s mid-load, once, and no temporary file is left`, { timeout: 120_000 }, async () => {
    const { project, options } = await freshDeployment();
    let server: ConvexProcess | null = null;
    cleanups.push(() => server?.crash());

    /** Body → id of every mutation whose promise resolved. */
    const acknowledged = new Map<string, string>();
    const perRound: number[] = [];
    for (let round = 0; round < KILLS; round++) {
      server = await startConvexProcess(options);
      const before = acknowledged.size;
      // Fresh clients each round: an old client's reconnect backoff would outlast the restart.
      const clients = Array.from({ length: WRITERS }, () => newClient(server!.url));
      let stopped = false;
      let firstAnswer = () => {};
      const answered = new Promise<void>((resolve) => (firstAnswer = resolve));
      for (const [w, client] of clients.entries()) {
        void (async () => {
          for (let n = 0; !stopped; n++) {
            const body = `round ${round} writer ${w} note ${n}`;
            const id = await client.mutation(api.messages.send, { author: "durability", body });
            if (stopped) return;
            acknowledged.set(body, id);
            firstAnswer();
          }
        })().catch(() => {});
      }
      // Killed mid-load: once writes are flowing, at a moment nobody chose.
      await Promise.race([answered, new Promise((resolve) => setTimeout(resolve, 10_000))]);
      await new Promise((resolve) => setTimeout(resolve, 150 + Math.random() * 350));
      await server.crash();
      // Answers cannot arrive after the kill; an answer that arrived before it counts.
      stopped = true;
      await Promise.all(clients.map((client) => client.close()));
      perRound.push(acknowledged.size - before);
    }

    server = await startConvexProcess(options);
    const reader = newClient(server.url);
    cleanups.push(() => reader.close());
    const stored = await reader.query(api.messages.byAuthor, { author: "durability" });
    const storedIds = new Map<string, string[]>();
    for (const row of stored) storedIds.set(row.body, [...(storedIds.get(row.body) ?? []), row._id]);
    const lost = [...acknowledged].filter(([body, id]) => !storedIds.get(body)?.includes(id));
    const duplicated = [...storedIds].filter(([, ids]) => ids.length > 1);
    await reader.close();
    await server.stop();
    const temporary = readdirSync(project.dataDir, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".tmp"));

    // The figures are what a reader of a failure needs: how much was acknowledged, and how much is gone.
    console.log(`durability: ${acknowledged.size} acknowledged over ${KILLS} kills (per round ${perRound.join(", ")}); lost ${lost.length}, duplicated ${duplicated.length}, temporary files ${temporary.length}`);
    expect(perRound.filter((n) => n > 0).length, "every round should have had mutations acknowledged before its kill").toBe(KILLS);
    expect(lost.map(([body]) => body)).toEqual([]);
    expect(duplicated.map(([body]) => body)).toEqual([]);
    expect(temporary).toEqual([]);
  });

  test("an action's mutations and an HTTP API mutation are on disk when they are answered", async () => {
    const { options } = await freshDeployment();
    let server = await startConvexProcess(options);
    cleanups.push(() => server.crash());
    const client = newClient(server.url);
    expect(await client.action(api.messages.sendViaAction, { body: "from an action" })).toBe("sent from an action");
    await server.crash();
    await client.close();

    server = await startConvexProcess(options);
    expect(await new ConvexHttpClient(server.url).mutation(api.messages.send, { author: "http", body: "from the HTTP API" })).toEqual(expect.any(String));
    await server.crash();

    server = await startConvexProcess(options);
    const rows = await new ConvexHttpClient(server.url).query(api.messages.list, {});
    expect(rows.map((row) => row.body)).toEqual(["from an action", "from the HTTP API"]);
  });

  test("documents a schema restart set aside do not come back after a crash", async () => {
    const { project } = await freshDeployment();
    const { server, lines } = await startBasic({ convexDir: project.convexDir, dataDir: project.dataDir, watch: true });
    cleanups.push(() => server.close());
    const client = newClient(server.url);
    cleanups.push(() => client.close());
    const keep = await client.mutation(api.messages.send, { author: "keep", body: "fits" });
    await client.mutation(api.messages.send, { author: "drop", body: "does not fit" });
    const schema = path.join(project.convexDir, "schema.ts");
    writeFileSync(schema, readFileSync(schema, "utf8").replace("messages: defineTable({ author: v.string()", 'messages: defineTable({ author: v.literal("keep")'));
    await eventually(() => lines, (all) => all.some((line) => line.includes("database restarted")));
    // Restarts run one after another: once this one is done, the edit's restart has finished too.
    await server.reloadSchema();
    // The data folder as a kill -9 right after the restart would leave it.
    const crashed = path.join(project.root, "crashed");
    cpSync(project.dataDir, crashed, { recursive: true });
    const documents = recover(crashed).snapshot?.documents ?? {};
    expect(Object.keys(documents).filter((id) => id.endsWith("messages"))).toEqual([keep]);
  });
});
