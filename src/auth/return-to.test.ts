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
    // Encoded slashes and backslashes stay encoded: a path on this origin, never a host.
    ["/%2F%2Fevil.example", "/%2F%2Fevil.example"],
    ["/%5C%5Cevil.example", "/%5C%5Cevil.example"],
    ["/\uFF0Fevil.example", "/%EF%BC%8Fevil.example"],
    ["/app?next=//evil.example#//evil.example", "/app?next=//evil.example#//evil.example"],
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
    ["tab inside the scheme", "java\tscript:alert(1)"],
    ["newline inside the scheme", "https:\n//evil.example"],
    ["leading space before //", " //evil.example"],
    ["encoded slashes without a leading slash", "%2F%2Fevil.example"],
    ["fullwidth solidi", "\uFF0F\uFF0Fevil.example"],
    ["userinfo trick", "https://app.example.com@evil.example/"],
    ["backslash before @", "https://evil.example\\@app.example.com/"],
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
