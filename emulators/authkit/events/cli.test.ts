import { WorkOS } from "@workos-inc/node";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { startWebhookReceiver, type WebhookReceiver } from "../testing/webhook-receiver.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const tsx = path.resolve(root, "../../node_modules/.bin/tsx");
let child: ChildProcess | undefined;
let receiver: WebhookReceiver | undefined;
afterEach(async () => {
  if (child?.pid && child.exitCode === null) child.kill("SIGTERM");
  child = undefined;
  await receiver?.close();
  receiver = undefined;
});

/** Starts the CLI; resolves with its output once `until` appears, rejects when it exits first. */
function run(args: string[], until: RegExp): Promise<RegExpMatchArray> {
  return new Promise((resolve, reject) => {
    child = spawn(tsx, [path.join(root, "cli.ts"), ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(until);
      if (match) resolve(match);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`cli exited with ${code}:\n${output}`)));
  });
}

describe("cli --webhook <url>=<secret>", () => {
  it("sends every event to the endpoint, signed with the secret (which may contain '=')", async () => {
    receiver = await startWebhookReceiver();
    const secret = "c2VjcmV0LXdpdGgtcGFkZGluZw==";
    const [, url, apiKey] = await run(["--port", "0", "--in-memory", "--webhook", `${receiver.url}=${secret}`], /on (http:\/\/localhost:\d+)[\s\S]*WORKOS_API_KEY\): (\S+)/);
    const created = await fetch(`${url}/_local/organizations`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "From CLI" }) });
    expect(created.status).toBe(201);
    const delivery = await receiver.waitFor((d) => d.body.includes('"organization.created"'));
    const { hostname, port } = new URL(url!);
    const workos = new WorkOS(apiKey, { apiHostname: hostname, port: Number(port), https: false });
    await expect(workos.webhooks.constructEvent({ payload: JSON.parse(delivery.body), sigHeader: delivery.signature, secret })).resolves.toMatchObject({
      event: "organization.created",
      data: { name: "From CLI" },
    });
  });

  it("refuses a flag without a secret, and a plain-HTTP URL to another machine", async () => {
    await expect(run(["--port", "0", "--in-memory", "--webhook", "http://localhost:3211/workos/webhook"], /never/)).rejects.toThrow("--webhook must be <url>=<secret>");
    await expect(run(["--port", "0", "--in-memory", "--webhook", "http://example.com/hook=secret"], /never/)).rejects.toThrow("is not an HTTPS URL");
  });
});
