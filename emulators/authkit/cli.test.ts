import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const here = path.dirname(fileURLToPath(import.meta.url));
const tsx = path.resolve(here, "../../node_modules/.bin/tsx");
let child: ChildProcess | undefined;

afterEach(() => {
  if (child?.pid && child.exitCode === null) child.kill("SIGTERM");
  child = undefined;
});

/** Starts the CLI and resolves with its output once `until` appears in it. */
function run(args: string[], until: RegExp): Promise<{ output: string; match: RegExpMatchArray }> {
  return new Promise((resolve, reject) => {
    child = spawn(tsx, [path.join(here, "cli.ts"), ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = output.match(until);
      if (match) resolve({ output, match });
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`cli exited with ${code} before printing ${until}:\n${output}`)));
  });
}

describe("cli", () => {
  it("starts with flags, says where it listens and where its data lives, and serves", async () => {
    const { output, match } = await run(
      ["--port", "0", "--in-memory", "--client-id", "client_cli", "--redirect-uri", "http://localhost:5999/callback", "--token-ttl", "30"],
      /Health: (http:\/\/localhost:\d+)\/health/,
    );
    expect(output).toContain("data in memory only");
    expect(output).toContain("alice@example.com");
    const health = await (await fetch(`${match[1]}/health`)).json();
    expect(health).toMatchObject({ status: "ok", client_id: "client_cli" });
  });

  it("uses the API key given with --api-key and prints it", async () => {
    const key = `sk_test_${"clikey0123".repeat(2)}`;
    const { output, match } = await run(["--port", "0", "--in-memory", "--api-key", key], /Health: (http:\/\/localhost:\d+)\/health/);
    expect(output).toContain(`API key (server-side only, e.g. Convex's WORKOS_API_KEY): ${key}`);
    const response = await fetch(`${match[1]}/organizations/org_globex`, { headers: { Authorization: `Bearer ${key}` } });
    expect(await response.json()).toMatchObject({ name: "Globex" });
  });

  it("links invitations to --invitation-url", async () => {
    const key = `sk_test_${"clikey0123".repeat(2)}`;
    const { match } = await run(
      ["--port", "0", "--in-memory", "--api-key", key, "--invitation-url", "http://localhost:5999/join"],
      /Health: (http:\/\/localhost:\d+)\/health/,
    );
    const response = await fetch(`${match[1]}/user_management/invitations`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ email: "cli@example.com" }),
    });
    const invitation = (await response.json()) as { token: string; accept_invitation_url: string };
    expect(invitation.accept_invitation_url).toBe(`http://localhost:5999/join?invitation_token=${invitation.token}`);
  });

  it("refuses a bad flag with a message and the usage", async () => {
    await expect(run(["--port", "abc"], /never/)).rejects.toThrow("--port must be a whole number");
  });
});
