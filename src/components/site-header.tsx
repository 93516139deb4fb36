import type { ReactNode } from "react";
import { BrandLink } from "./brand";

/**
 * The signed-in pages' header: the app's name on one side, the session's controls on the other
 * (or their placeholders while the session is confirmed). One row at every width.
 */
export function SiteHeader({ children }: { children: ReactNode }) {
  return (
    <header className="site-header">
      <BrandLink />
      <div className="site-header-end">{children}</div>
    </header>
  );
}
