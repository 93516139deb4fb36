import { fileURLToPath } from "node:url";
import { describe, expect, test } from "vitest";
import { routerPages } from "../support/router-pages.ts";
import { SHOTS } from "./shots.ts";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("npm run screenshots", () => {
  test("shoots every page the router has, so a new page without a screenshot is noticed", () => {
    const pages = routerPages(root);
    const covered = new Set(SHOTS.flatMap((shot) => shot.covers));
    const missing = pages.filter((page) => !covered.has(page.path)).map((page) => `${page.path} (${page.element})`);
    // Add a shot to e2e/screenshots/shots.ts for each page listed here, then run npm run screenshots.
    expect(missing).toEqual([]);
  });

  test("shoots no page the router no longer has", () => {
    const paths = new Set(routerPages(root).map((page) => page.path));
    expect(SHOTS.flatMap((shot) => shot.covers.filter((path) => !paths.has(path)).map((path) => `${shot.name}: ${path}`))).toEqual([]);
  });

  test("reads both route tables, inside /app and outside it", () => {
    const paths = routerPages(root).map((page) => page.path);
    expect(paths).toEqual(expect.arrayContaining(["/", "/app", "/app/account", "/app/members", "/sign-in/sso", "/*", "/app/*"]));
    // A redirect is not a page.
    expect(paths).not.toContain("/account");
  });

  test("names each shot once", () => {
    const names = SHOTS.map((shot) => shot.name);
    expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
  });
});
