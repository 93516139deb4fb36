import { Link } from "react-router-dom";

/** The app's name, as the header, the footer and the tab title say it. */
export const APP_NAME = "Notes";

/** The app's mark (the favicon's drawing), decorative: the name beside it carries the meaning. */
export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill="var(--color-accent)" />
      <path d="M9 8h11l4 4v12a1 1 0 0 1-1 1H9a1 1 0 0 1-1-1V9a1 1 0 0 1 1-1z" fill="var(--color-surface)" />
      <path d="M11 15h10M11 19h10M11 23h6" stroke="var(--color-accent)" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

/** Mark and name, linking to the signed-in home (which sends a signed-out visitor to sign in). */
export function BrandLink() {
  return (
    <Link to="/app" className="brand">
      <BrandMark />
      <span className="brand-name">{APP_NAME}</span>
    </Link>
  );
}
