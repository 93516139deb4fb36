import { esc, layout } from "./layout.ts";

/** A page for a request that cannot go on: what went wrong and, when known, where to start again. */
export function errorPage(title: string, message: string, startOver?: { href: string; label: string }): string {
  return layout(
    title,
    `<p role="alert">${esc(message)}</p>${startOver ? `\n<p><a href="${esc(startOver.href)}">${esc(startOver.label)}</a></p>` : ""}`,
  );
}
