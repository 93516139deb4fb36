import { describe, expect, it } from "vitest";
import { devLogLine, parseDevArgs } from "./dev-log.ts";

describe("npm run dev's log", () => {
  it("is quiet unless asked: --verbose or DEBUG=dev", () => {
    expect(parseDevArgs([], {})).toEqual({ verbose: false });
    expect(parseDevArgs(["--verbose"], {})).toEqual({ verbose: true });
    expect(parseDevArgs([], { DEBUG: "vite,dev" })).toEqual({ verbose: true });
    expect(parseDevArgs([], { DEBUG: "developer" })).toEqual({ verbose: false });
    expect(() => parseDevArgs(["--quiet"], {})).toThrow("unknown option --quiet: the one option is --verbose");
  });

  it("makes codes and invitation links stand out, and failures, in a terminal only", () => {
    const code = "[authkit] email verification code for a@example.com: 123456 (no email is sent)";
    const link = "[authkit] invitation for b@example.com to Acme Corp (org_acme): http://localhost:5173/invite?invitation_token=t (no email is sent)";
    const failed = "[convex] [Q notes:list] failed: Uncaught Error: boom";
    expect(devLogLine(code, true)).toBe(`\u001b[1;33m${code}\u001b[0m`);
    expect(devLogLine(link, true)).toBe(`\u001b[1;33m${link}\u001b[0m`);
    expect(devLogLine(failed, true)).toBe(`\u001b[31m${failed}\u001b[0m`);
    expect(devLogLine("[convex dev] ✔ Convex functions ready!", true)).toBe("[convex dev] ✔ Convex functions ready!");
    expect(devLogLine(code, false)).toBe(code);
  });
});
