import type { ReactNode } from "react";

type Kind = "loading" | "error" | "info";

/**
 * A whole-page state: loading (announced politely), error (announced at once) or a plain notice.
 * Every route uses it so no state is ever a blank page.
 */
export function PageStatus({ kind, title, children }: { kind: Kind; title: string; children?: ReactNode }) {
  return (
    <main className="page page-narrow page-status" aria-busy={kind === "loading" || undefined}>
      <div className={`card status-${kind}`} role={kind === "error" ? "alert" : "status"}>
        {kind === "loading" && <span className="spinner" aria-hidden="true" />}
        <h1>{title}</h1>
        {children}
      </div>
    </main>
  );
}
