import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEMO_SEED_FILE } from "../seed.ts";
import { REFRESH_REPLAY_GRACE_MS, Store } from "../store.ts";

const SEED = DEMO_SEED_FILE;
const BOB = "bob@example.com";

let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), "authkit-refresh-"));
  vi.useFakeTimers({ toFake: ["Date"] });
});
afterEach(() => {
  vi.useRealTimers();
  rmSync(dataDir, { recursive: true, force: true });
});

/** A store with Bob signed in: his session and its first refresh token. */
async function signedIn(dir: string | null = null) {
  const store = await Store.open(dir, SEED);
  const session = store.createSession(store.userByEmail(BOB)!.id, null);
  return { store, session, token: store.issueRefreshToken(session.id) };
}

function later(ms: number): void {
  vi.setSystemTime(Date.now() + ms);
}

describe("refresh token rotation", () => {
  it("exchanges a live token for a new one, which works in turn", async () => {
    const { store, session, token } = await signedIn();
    const first = store.rotateRefreshToken(token);
    expect(first).toMatchObject({ status: "ok", session: { id: session.id }, user: { email: BOB } });
    if (first.status !== "ok") throw new Error("not rotated");
    expect(first.refreshToken).not.toBe(token);
    expect(store.rotateRefreshToken(first.refreshToken).status).toBe("ok");
  });

  it("answers a replay within the grace period with the successor already issued, so a reloaded page keeps its session", async () => {
    const { store, token } = await signedIn();
    const first = store.rotateRefreshToken(token);
    later(REFRESH_REPLAY_GRACE_MS - 1000);
    const replay = store.rotateRefreshToken(token);
    expect(replay).toMatchObject({ status: "replay-in-grace", refreshToken: first.status === "ok" && first.refreshToken });
    expect(store.rotateRefreshToken(token).status).toBe("replay-in-grace");
    if (replay.status !== "replay-in-grace") throw new Error("no grace");
    expect(store.rotateRefreshToken(replay.refreshToken).status).toBe("ok");
  });

  it("answers a replay within the grace with the family's newest token when a second tab rotated again", async () => {
    const { store, token } = await signedIn();
    const second = store.rotateRefreshToken(token);
    if (second.status !== "ok") throw new Error("not rotated");
    later(1000);
    const third = store.rotateRefreshToken(second.refreshToken);
    if (third.status !== "ok") throw new Error("not rotated");
    expect(store.rotateRefreshToken(token)).toMatchObject({ status: "replay-in-grace", refreshToken: third.refreshToken });
  });

  it("ends the session (the whole token family) when a used token comes back after the grace", async () => {
    const { store, session, token } = await signedIn();
    const next = store.rotateRefreshToken(token);
    if (next.status !== "ok") throw new Error("not rotated");
    later(REFRESH_REPLAY_GRACE_MS + 1);
    const replay = store.rotateRefreshToken(token);
    expect(replay).toMatchObject({ status: "replay-revoked", sessionId: session.id, reason: expect.stringContaining("already been used") });
    expect(store.session(session.id)?.ended_at).not.toBeNull();
    // The successor the thief or the user holds is dead too; so is the replayed token.
    expect(store.rotateRefreshToken(next.refreshToken)).toMatchObject({ status: "ended", reason: expect.stringContaining("has ended") });
    expect(store.rotateRefreshToken(token).status).toBe("ended");
  });

  it("says unknown for a token never issued, and ended for a signed-out session", async () => {
    const { store, session, token } = await signedIn();
    expect(store.rotateRefreshToken("not-a-token")).toMatchObject({ status: "unknown", reason: expect.stringContaining("unknown") });
    store.endSession(session.id);
    expect(store.rotateRefreshToken(token)).toMatchObject({ status: "ended", reason: expect.stringContaining("signed out") });
    expect(store.checkRefreshToken(token)).toMatchObject({ ok: false, reason: expect.stringContaining("signed out") });
  });

  it("runs prepare in the same save, and changes nothing when it throws", async () => {
    const { store, session, token } = await signedIn();
    expect(() =>
      store.rotateRefreshToken(token, (s) => {
        store.setSessionOrganization(s.id, "org_acme");
        throw new Error("not a member");
      }),
    ).toThrow("not a member");
    expect(store.session(session.id)?.organization_id).toBeNull();
    const rotated = store.rotateRefreshToken(token, (s) => store.setSessionOrganization(s.id, "org_globex"));
    expect(rotated).toMatchObject({ status: "ok", session: { organization_id: "org_globex" } });
  });

  it("keeps the token live when saving its rotation fails, so the client's retry works", async () => {
    const { store, token } = await signedIn(dataDir);
    const file = path.join(dataDir, "data.json");
    rmSync(file);
    mkdirSync(file);
    expect(() => store.rotateRefreshToken(token)).toThrow();
    rmSync(file, { recursive: true });
    expect(store.rotateRefreshToken(token).status).toBe("ok");
  });

  it("never writes a token's value to disk, and after a restart treats a replay as outside the grace", async () => {
    const { store, session, token } = await signedIn(dataDir);
    const next = store.rotateRefreshToken(token);
    if (next.status !== "ok") throw new Error("not rotated");
    const text = readFileSync(path.join(dataDir, "data.json"), "utf8");
    expect(text).not.toContain(token);
    expect(text).not.toContain(next.refreshToken);

    const restarted = await Store.open(dataDir, SEED);
    expect(restarted.rotateRefreshToken(token)).toMatchObject({ status: "replay-revoked", sessionId: session.id });
  });

  it("treats a token used up through useRefreshToken (no successor kept) as a replay outside the grace", async () => {
    const { store, session, token } = await signedIn();
    store.atomically(() => {
      store.useRefreshToken(token);
      store.issueRefreshToken(session.id);
    });
    expect(store.checkRefreshToken(token)).toMatchObject({ ok: false, reason: expect.stringContaining("already been used") });
    expect(store.rotateRefreshToken(token).status).toBe("replay-revoked");
  });
});
