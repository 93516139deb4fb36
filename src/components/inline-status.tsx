import type { ReactNode } from "react";

/** A loading or error line inside a page (the page itself stays usable). */
export function InlineStatus({ kind, children }: { kind: "loading" | "error"; children: ReactNode }) {
  return (
    <p className={`inline-status status-${kind}`} role={kind === "error" ? "alert" : "status"}>
      {kind === "loading" && <span className="spinner spinner-small" aria-hidden="true" />}
      {children}
    </p>
  );
}
