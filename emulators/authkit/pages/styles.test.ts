import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { STYLES } from "./styles.ts";

/** `--name: value` pairs of the first `:root { … }` block in `css` at or after `from`. */
function rootTokens(css: string, from = 0): Record<string, string> {
  const start = css.indexOf(":root", from);
  const body = css.slice(css.indexOf("{", start) + 1, css.indexOf("}", start));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+)\s*:\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

const appCss = readFileSync(new URL("../../../src/styles.css", import.meta.url), "utf8");
const darkAt = (css: string) => css.indexOf("@media (prefers-color-scheme: dark)");

describe("hosted page styles", () => {
  it("use the app's colour tokens in light mode", () => {
    const hosted = rootTokens(STYLES);
    const app = rootTokens(appCss);
    expect(Object.keys(hosted).length).toBeGreaterThan(8);
    for (const [name, value] of Object.entries(hosted)) expect({ name, value }).toEqual({ name, value: app[name] });
  });

  it("follow the system's dark scheme with the app's dark tokens", () => {
    expect(darkAt(STYLES)).toBeGreaterThan(0);
    const hosted = rootTokens(STYLES, darkAt(STYLES));
    const app = rootTokens(appCss, darkAt(appCss));
    expect(Object.keys(hosted).sort()).toEqual(Object.keys(app).sort());
    for (const [name, value] of Object.entries(hosted)) expect({ name, value }).toEqual({ name, value: app[name] });
  });
});
