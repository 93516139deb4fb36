import { describe, expect, it } from "vitest";
import { Flows, MAX_PENDING } from "./flows.ts";

const start = (flows: Flows, state = "s") =>
  flows.start({ browserId: "b", redirectUri: "http://localhost:5173/callback", state, codeChallenge: "c", screenHint: "sign-in", loginHint: undefined, organizationId: undefined });

describe("Flows: sign-ins in progress", () => {
  it("holds at most MAX_PENDING, dropping the oldest first", () => {
    const flows = new Flows();
    const first = start(flows);
    const second = start(flows);
    for (let i = 0; i < MAX_PENDING - 1; i++) start(flows, "x".repeat(8192));
    expect(flows.get(first.id)).toBeUndefined();
    expect(flows.get(second.id)).toBe(second);
    expect(flows.size).toBe(MAX_PENDING);
  });

  it("holds at most MAX_PENDING unexchanged codes", () => {
    const flows = new Flows();
    const codes = Array.from({ length: MAX_PENDING + 1 }, () => flows.complete(start(flows), "client_local", "user_1", null));
    expect(flows.takeCode(codes[0]!)).toBeUndefined();
    expect(flows.takeCode(codes[1]!)).toMatchObject({ userId: "user_1" });
  });
});
