import { execFile } from "node:child_process";
import { connect } from "node:net";
import path from "node:path";
import { promisify } from "node:util";
import { ConvexHttpClient } from "convex/browser";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { api } from "./fixtures/basic/convex/_generated/api.js";
import { repoRoot, scratchCopy, startBasic, type Started } from "./testing/harness.ts";

let started: Started;
beforeAll(async () => {
  started = await startBasic();
});
afterAll(async () => {
  await started.server.close();
});

async function post(route: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(started.server.url + route, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

/** Sends one request as raw bytes (fetch would normalize the target) and resolves with the status line once the server closes. */
function rawRequest(origin: string, target: string, headers: string[] = ["Connection: close"]): Promise<string> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write([`GET ${target} HTTP/1.1`, `Host: ${hostname}`, ...headers, "", ""].join("\r\n")));
    let text = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk: string) => (text += chunk));
    socket.on("close", () => resolve(text.split("\r\n")[0] ?? ""));
    socket.on("error", reject);
  });
}

const WEBSOCKET_UPGRADE = ["Upgrade: websocket", "Connection: Upgrade", "Sec-WebSocket-Version: 13", "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ=="];

describe("request targets that are not ordinary paths", () => {
  test("`//…` targets are paths: not found, on the sync upgrade, the API and the site port", async () => {
    for (const target of ["//", "//a%20b"]) {
      expect(await rawRequest(started.server.url, target, WEBSOCKET_UPGRADE)).toBe("HTTP/1.1 404 Not Found");
      expect(await rawRequest(started.server.url, target)).toBe("HTTP/1.1 404 Not Found");
      expect(await rawRequest(started.server.siteUrl, target)).toBe("HTTP/1.1 404 Not Found");
    }
    expect(await (await fetch(started.server.url + "/version")).text()).toMatch(/local-convex/);
  });

  test("a target that is no URL at all gets 400 and a log line, and the server keeps serving", async () => {
    expect(await rawRequest(started.server.url, "http://[/", WEBSOCKET_UPGRADE)).toBe("HTTP/1.1 400 Bad Request");
    expect(await rawRequest(started.server.url, "http://[/")).toBe("HTTP/1.1 400 Bad Request");
    expect(await rawRequest(started.server.siteUrl, "*")).toBe("HTTP/1.1 400 Bad Request");
    expect(started.lines.filter((l) => l.includes("the request target is not a valid URL path"))).toHaveLength(3);
    const http = new ConvexHttpClient(started.server.url);
    expect(await http.query(api.messages.list, {})).toBeInstanceOf(Array);
  });
});

describe("HTTP API", () => {
  test("ConvexHttpClient runs queries and mutations, with a user token", async () => {
    const http = new ConvexHttpClient(started.server.url);
    http.setAuth(await started.issuer.sign({ sub: "http-user" }));
    expect((await http.query(api.users.whoami, {}))?.subject).toBe("http-user");
    const id = await http.mutation(api.messages.send, { author: "http", body: "via http" });
    expect(await http.query(api.messages.get, { id })).toMatchObject({ body: "via http" });
  });

  test("POST /api/query with object args and clean JSON, and 560 with errorData on failure", async () => {
    const ok = await post("/api/query", { path: "messages:byAuthor", args: { author: "http" }, format: "json" });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe("success");
    const failed = await post("/api/mutation", { path: "messages:refuse", args: {} });
    expect(failed.status).toBe(560);
    expect(failed.body).toMatchObject({ status: "error", errorData: { code: "NOT_ALLOWED" } });
  });

  test("`format` picks the value encoding like the backend: json is clean, /api/run defaults to it, others are refused", async () => {
    const encoded = { int: { $integer: "KgAAAAAAAAA=" }, bytes: { $bytes: "AQID" }, nan: { $float: "AAAAAAAA+H8=" }, text: "plain" };
    const clean = { int: "42", bytes: "AQID", nan: "NaN", text: "plain" };
    expect((await post("/api/query", { path: "messages:specialValues", args: {}, format: "json" })).body.value).toEqual(clean);
    expect((await post("/api/query", { path: "messages:specialValues", args: {}, format: "convex_encoded_json" })).body.value).toEqual(encoded);
    expect((await post("/api/query", { path: "messages:specialValues", args: {} })).body.value).toEqual(encoded);
    expect((await post("/api/run/messages/specialValues", { args: {} })).body.value).toEqual(clean);
    const bad = await post("/api/query", { path: "messages:specialValues", args: {}, format: "xml" });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: "BadFormat" });
  });

  test("consistentQuery reads at the timestamp from /api/query_ts, and refuses one that data has moved past", async () => {
    const ts = await post("/api/query_ts", {});
    expect(Buffer.from(ts.body.ts as string, "base64")).toHaveLength(8);
    const http = new ConvexHttpClient(started.server.url);
    expect(await http.consistentQuery(api.messages.list, {})).toBeInstanceOf(Array);
    await http.mutation(api.messages.send, { author: "consistent", body: "moves the clock" });
    await expect(http.consistentQuery(api.messages.list, {})).rejects.toThrow(/OutOfRetention/);
  });

  test("a function path with a second colon names no function", async () => {
    const res = await post("/api/query", { path: "messages:list:extra", args: {} });
    expect(res.body.errorMessage).toMatch(/Could not find public function for 'messages:list:extra'/);
  });

  test("GET /api/query with args that are not JSON is a bad request, not a server error", async () => {
    const res = await fetch(`${started.server.url}/api/query?path=messages:list&args=%7Bnope`);
    expect(res.status).toBe(400);
  });

  test("internal functions need the admin key; /api/function and /api/run accept it", async () => {
    const refused = await post("/api/function", { path: "messages:secret", args: {} });
    expect(refused.body.errorMessage).toMatch(/Could not find public function for 'messages:secret'/);
    const admin = { Authorization: `Convex ${started.server.adminKey}` };
    expect((await post("/api/function", { path: "messages:secret", args: {}, format: "json" }, admin)).body.value).toBe("classified");
    expect((await post("/api/run/messages/secret", { args: {} }, admin)).body.value).toBe("classified");
    const wrongKey = await post("/api/function", { path: "messages:secret", args: {} }, { Authorization: "Convex nope" });
    expect(wrongKey.status).toBe(401);
    // The fixed key older versions used (and that Convex's own local deployments used to share) opens nothing.
    const sharedKey = `Convex local-convex|${"0".repeat(64)}`;
    const shared = await post("/api/function", { path: "messages:secret", args: {} }, { Authorization: sharedKey, Origin: "https://any-site.example" });
    expect(shared.status).toBe(401);
    expect(shared.body).toMatchObject({ code: "BadAdminKey" });
  });

  test("an admin key acting as a malformed identity is a bad request, not a server error", async () => {
    const res = await post("/api/query", { path: "users:whoami", args: {} }, { Authorization: `Convex ${started.server.adminKey}:not-base64-json` });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "HeaderParseFailure" });
  });

  test("a bad bearer token is refused with 401", async () => {
    const res = await post("/api/query", { path: "users:whoami", args: {} }, { Authorization: `Bearer ${started.issuer.unsigned()}` });
    expect(res.status).toBe(401);
  });

  test("API CORS mirrors the origin and allows credentials", async () => {
    const preflight = await fetch(started.server.url + "/api/query", {
      method: "OPTIONS",
      headers: { Origin: "http://localhost:5173", "Access-Control-Request-Method": "POST", "Access-Control-Request-Headers": "content-type,authorization" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
    expect(preflight.headers.get("access-control-allow-credentials")).toBe("true");
    const res = await post("/api/query", { path: "messages:list", args: {} }, { Origin: "http://localhost:5173" });
    expect(res.headers.get("access-control-allow-origin")).toBe("http://localhost:5173");
  });

  test("health routes: /instance_name, /instance_version, /version", async () => {
    expect(await (await fetch(started.server.url + "/instance_name")).text()).toBe("local-convex");
    expect((await fetch(started.server.url + "/instance_version")).status).toBe(200);
    expect(await (await fetch(started.server.url + "/version")).text()).toMatch(/local-convex/);
  });

  test("HTTP actions from convex/http.ts on the site port, with the caller's identity", async () => {
    expect(await (await fetch(started.server.siteUrl + "/hello")).text()).toBe("hello from an http action");
    const token = await started.issuer.sign({ sub: "site-user" });
    const res = await fetch(started.server.siteUrl + "/whoami", { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: "ping" });
    expect(await res.json()).toEqual({ subject: "site-user", body: "ping" });
    expect((await fetch(started.server.siteUrl + "/missing")).status).toBe(404);
    // The cloud port serves the same router under /http.
    expect(await (await fetch(started.server.url + "/http/hello")).text()).toBe("hello from an http action");
  });

  test("HTTP actions get requests whose Authorization is not Convex auth (webhooks), as anonymous callers", async () => {
    for (const authorization of ["Basic dXNlcjpwYXNz", "Bearer sk_live_not_a_jwt", `Bearer ${started.issuer.unsigned()}`, "Convex wrong-key", "Signature t=1,v1=abc"]) {
      for (const origin of [started.server.siteUrl, `${started.server.url}/http`]) {
        const res = await fetch(`${origin}/whoami`, { method: "POST", headers: { Authorization: authorization }, body: "hook" });
        expect(res.status).toBe(200);
        expect(await res.json()).toEqual({ subject: null, body: "hook" });
      }
    }
  });

  test("`npx convex run` works through CONVEX_SELF_HOSTED_URL and CONVEX_SELF_HOSTED_ADMIN_KEY", async () => {
    const project = scratchCopy();
    const convexRun = (...args: string[]) =>
      promisify(execFile)(path.join(repoRoot, "node_modules/.bin/convex"), ["run", ...args], {
        cwd: project.root,
        env: { ...process.env, CONVEX_SELF_HOSTED_URL: started.server.url, CONVEX_SELF_HOSTED_ADMIN_KEY: started.server.adminKey, CONVEX_DEPLOYMENT: "", CI: "1" },
      });
    try {
      expect((await convexRun("messages:secret", "{}")).stdout).toContain("classified");
      expect((await convexRun("--identity", '{"subject":"cli-user"}', "users:whoami")).stdout).toContain("cli-user");
      // Asked for a function that does not exist, the CLI lists the ones that do.
      const missing = await convexRun("messages:nope", "{}").catch((error: { stderr: string }) => error);
      expect(missing.stderr).toMatch(/Could not find function for 'messages:nope'[\s\S]*Available functions:[\s\S]*messages:list/);
    } finally {
      project.remove();
    }
  });
});
