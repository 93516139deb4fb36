import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { routerPaths } from "../../e2e/support/router-pages.ts";

// A static host serves a file when there is one and otherwise follows vercel.json's rewrites in
// order (Vercel checks the filesystem first). Every route of the app's router, read from its
// source, must reach index.html after a full page load, while a missing build asset must stay a
// 404 rather than become an HTML page a script tag cannot run.
const root = path.resolve(import.meta.dirname, "../..");

interface Rewrite {
  source: string;
  destination: string;
}

/**
 * Vercel's `source` is path-to-regexp syntax; this reads the one form the file uses, `/(<regex>)`,
 * and refuses any other, so a rule this test cannot read fails it instead of passing untested.
 */
function sourcePattern(source: string): RegExp {
  const match = /^\/\((.*)\)$/.exec(source);
  if (!match) throw new Error(`vercel.json: this test reads rewrite sources of the form "/(<regex>)", not "${source}"`);
  return new RegExp(`^/(?:${match[1]})/?$`, "i");
}

function served(pathname: string, rewrites: Rewrite[], files: Set<string>): string {
  if (files.has(pathname)) return pathname;
  for (const rule of rewrites) if (sourcePattern(rule.source).test(pathname)) return rule.destination;
  return "404";
}

/** The router's paths; a catch-all route stands for any path no other route takes, so one that none does stands in for it. */
function appRoutes(): string[] {
  return [...new Set(routerPaths(root).map((p) => p.replace(/\*$/, "no-such-page")))];
}

describe("vercel.json's SPA fallback", () => {
  const config = JSON.parse(readFileSync(path.join(root, "vercel.json"), "utf8")) as { rewrites: Rewrite[]; outputDirectory: string; buildCommand: string };
  // What a build holds at its root: index.html, public/'s files, and hashed assets.
  const files = new Set(["/index.html", "/favicon.svg", "/_redirects", "/assets/index-abc123.js"]);

  it("reads every route of the router", () => {
    expect(appRoutes().sort()).toEqual(
      ["/", "/sign-in", "/sign-up", "/callback", "/app", "/app/account", "/app/members", "/app/organizations/new", "/app/organization", "/account", "/invite", "/sign-in/sso", "/app/no-such-page", "/no-such-page"].sort(),
    );
  });

  it("serves index.html for every route, with or without a query or a trailing slash", () => {
    const routes = appRoutes();
    const answers = Object.fromEntries(routes.flatMap((route) => [route, `${route}/`.replace("//", "/")].map((p) => [p, served(p, config.rewrites, files)])));
    expect(answers).toEqual(Object.fromEntries(Object.keys(answers).map((p) => [p, "/index.html"])));
  });

  it("keeps build files as they are and a missing asset a 404, so a stale chunk fails as a script, not as HTML", () => {
    expect(served("/assets/index-abc123.js", config.rewrites, files)).toBe("/assets/index-abc123.js");
    expect(served("/favicon.svg", config.rewrites, files)).toBe("/favicon.svg");
    expect(served("/assets/index-old999.js", config.rewrites, files)).toBe("404");
  });

  it("builds what the README's deploy section says: Convex deployed with the build, dist/ served", () => {
    expect(config).toMatchObject({ buildCommand: "npx convex deploy --cmd 'npm run build'", outputDirectory: "dist" });
  });
});
