import { describe, expect, test } from "vitest";
import { DEFAULT_RETURN_TO, safeReturnTo } from "./return-to";

const origin = "https://app.example.com";

describe("safeReturnTo", () => {
  test.each([
    ["/app/account", "/app/account"],
    ["/app?tab=notes#top", "/app?tab=notes#top"],
    ["/", "/"],
    ["https://app.example.com/app/account", "/app/account"],
    ["/app/../app/account", "/app/account"],
  ])("keeps the same-origin target %j", (input, expected) => {
    expect(safeReturnTo(input, origin)).toBe(expected);
  });

  test.each([
    ["another origin", "https://evil.example/phish"],
    ["same host, other scheme", "http://app.example.com/app"],
    ["same host, other port", "https://app.example.com:8443/app"],
    ["protocol-relative", "//evil.example/app"],
    ["backslashes read as //", "\\\\evil.example"],
    ["slash-backslash", "/\\evil.example"],
    ["tab inside //", "/\t/evil.example"],
    ["dot segment collapsing into //", "/.//evil.example"],
    ["parent segment collapsing into //", "/a/..//evil.example"],
    ["encoded dot collapsing into //", "/%2e//evil.example"],
    ["newline", "/app\n"],
    ["javascript:", "javascript:alert(1)"],
    ["JavaScript: mixed case", "JaVaScRiPt:alert(document.cookie)"],
    ["data:", "data:text/html,<script>alert(1)</script>"],
    ["relative without slash", "app/account"],
    ["scheme-only", "https:evil.example"],
    ["unparseable", "http://["],
    ["empty", ""],
    ["not a string", 42],
    ["an object", { pathname: "/app" }],
    ["undefined", undefined],
    ["back into sign-in", "/sign-in"],
    ["back into the callback", "/callback?code=abc"],
    ["too long", `/${"a".repeat(3000)}`],
  ])("falls back to the default for %s", (_label, input) => {
    expect(safeReturnTo(input, origin)).toBe(DEFAULT_RETURN_TO);
  });
});
