import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// A static host serves a file when there is one and otherwise follows vercel.json's rewrites in
// order (Vercel checks the filesystem first). Every route of the app's router, read from its
// source, must reach index.html after a full page load, while a missing build asset must stay a
// 404 rather than become an HTML page a script tag cannot run.
const root = path.resolve(import.meta.dirname, "../..");
const routesDir = path.join(root, "src", "routes");

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

/** The `<Route path>`s of a JSX tree, joined to their parents' paths; `mounts` expands an element that renders more routes. */
function routePaths(node: ts.Node, base: string, mounts: (element: ts.JsxAttributes) => string[] | null, out: string[]): void {
  const tag = ts.isJsxElement(node) ? node.openingElement : ts.isJsxSelfClosingElement(node) ? node : null;
  if (tag && tag.tagName.getText() === "Route") {
    const attributes = new Map(tag.attributes.properties.filter(ts.isJsxAttribute).map((a) => [a.name.getText(), a]));
    const pathValue = attributes.get("path")?.initializer;
    const own = pathValue && ts.isStringLiteral(pathValue) ? pathValue.text : "";
    const full = own.startsWith("/") ? own : `${base.replace(/\/$/, "")}/${own}`;
    const element = attributes.get("element")?.initializer;
    const rendered = element && ts.isJsxExpression(element) && element.expression && ts.isJsxSelfClosingElement(element.expression) ? element.expression : null;
    const mounted = rendered ? mounts(rendered.attributes) : null;
    const mountBase = full.replace(/\/\*$/, "");
    if (mounted && rendered?.tagName.getText() === "MorePages") for (const p of mounted) out.push(`${mountBase}/${p}`);
    else out.push(attributes.has("index") ? base : full);
    if (ts.isJsxElement(node)) node.children.forEach((child) => routePaths(child, full, mounts, out));
    return;
  }
  ts.forEachChild(node, (child) => routePaths(child, base, mounts, out));
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(path.join(routesDir, file), "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
}

/** More-pages' two tables: `inApp ? <Routes>…</Routes> : <Routes>…</Routes>`. */
function morePagesTables(): { inApp: string[]; outside: string[] } {
  let conditional: ts.ConditionalExpression | undefined;
  const find = (node: ts.Node): void => {
    if (!conditional && ts.isConditionalExpression(node) && node.condition.getText() === "inApp") conditional = node;
    ts.forEachChild(node, find);
  };
  find(parse("more-pages.tsx"));
  if (!conditional) throw new Error("src/routes/more-pages.tsx no longer chooses its table with `inApp ? … : …`: update this test's reader");
  const table = (node: ts.Node) => {
    const out: string[] = [];
    routePaths(node, "", () => null, out);
    return out.map((p) => p.replace(/^\//, ""));
  };
  return { inApp: table(conditional.whenTrue), outside: table(conditional.whenFalse) };
}

function appRoutes(): string[] {
  const tables = morePagesTables();
  const out: string[] = [];
  routePaths(parse("app-routes.tsx"), "", (attributes) => (attributes.properties.some((a) => ts.isJsxAttribute(a) && a.name.getText() === "inApp") ? tables.inApp : tables.outside), out);
  // A catch-all route is any path no other route takes: stand in for it with one that none does.
  return [...new Set(out.map((p) => p.replace(/\*$/, "no-such-page").replace(/(.)\/$/, "$1")))];
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
