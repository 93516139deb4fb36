import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

/** A page the app routes to: its full path (`*` for "anything else there") and the element it renders. */
export interface RoutedPage {
  path: string;
  element: string;
}

interface RouteNode {
  path: string | null;
  index: boolean;
  element: string | null;
  /** `inApp` on the element (more-pages.tsx's table inside `/app`). */
  inApp: boolean;
  /** In more-pages.tsx: which branch of `inApp ? … : …` the route is in. */
  branch: "inApp" | "outside" | null;
  children: RouteNode[];
}

function attribute(element: ts.JsxOpeningLikeElement, name: string): ts.JsxAttribute | undefined {
  return element.attributes.properties.find((p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText() === name);
}

function elementOf(opening: ts.JsxOpeningLikeElement): { name: string | null; inApp: boolean } {
  const value = attribute(opening, "element")?.initializer;
  const expression = value && ts.isJsxExpression(value) ? value.expression : undefined;
  if (expression && (ts.isJsxSelfClosingElement(expression) || ts.isJsxElement(expression))) {
    const tag = ts.isJsxElement(expression) ? expression.openingElement : expression;
    return { name: tag.tagName.getText(), inApp: attribute(tag, "inApp") !== undefined };
  }
  return { name: null, inApp: false };
}

function branchOf(node: ts.Node): RouteNode["branch"] {
  for (let child: ts.Node = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isConditionalExpression(parent) && parent.condition.getText() === "inApp") {
      return child === parent.whenTrue ? "inApp" : "outside";
    }
  }
  return null;
}

/** The `<Route>` elements of a route table file, nested as written. */
function routeTree(file: string): RouteNode[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const visit = (node: ts.Node): RouteNode[] => {
    const opening = ts.isJsxElement(node) ? node.openingElement : ts.isJsxSelfClosingElement(node) ? node : null;
    if (opening && opening.tagName.getText() === "Route") {
      const pathValue = attribute(opening, "path")?.initializer;
      const { name, inApp } = elementOf(opening);
      const children = ts.isJsxElement(node) ? node.children.flatMap(visit) : [];
      return [{ path: pathValue && ts.isStringLiteral(pathValue) ? pathValue.text : null, index: attribute(opening, "index") !== undefined, element: name, inApp, branch: branchOf(node), children }];
    }
    return node.getChildren().flatMap(visit);
  };
  return visit(source);
}

function join(base: string, child: string): string {
  if (child.startsWith("/")) return child;
  return `${base.replace(/\/$/, "")}/${child}`;
}

/** Every route of the router's two tables, redirects (`<Navigate>`) included. */
function routedElements(root: string): RoutedPage[] {
  const routes = path.join(root, "src", "routes");
  const more = routeTree(path.join(routes, "more-pages.tsx"));
  const found: RoutedPage[] = [];
  const walk = (nodes: RouteNode[], base: string) => {
    for (const node of nodes) {
      const full = node.index ? base : join(base, node.path ?? "");
      if (node.element === "MorePages") {
        const mountedAt = full.replace(/\/\*$/, "") || "/";
        walk(more.filter((n) => n.branch === (node.inApp ? "inApp" : "outside")), mountedAt);
      } else if (node.children.length > 0) walk(node.children, full);
      else if (node.element !== null) found.push({ path: full, element: node.element });
    }
  };
  walk(routeTree(path.join(routes, "app-routes.tsx")), "/");
  return found;
}

/**
 * Every page the router has, read from its two tables (src/routes/app-routes.tsx, and
 * more-pages.tsx where it sends the rest, inside `/app` and outside it). Redirects
 * (`<Navigate>`) are not pages; a layout route counts through its children.
 */
export function routerPages(root: string): RoutedPage[] {
  return routedElements(root).filter((route) => route.element !== "Navigate");
}

/** Every path the router answers, redirects included: what a static host must send to index.html. */
export function routerPaths(root: string): string[] {
  return routedElements(root).map((route) => route.path);
}
