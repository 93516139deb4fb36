import { Link, useLocation } from "react-router-dom";

const PAGES = [
  { to: "/app", label: "Home" },
  { to: "/app/members", label: "Members" },
] as const;

/**
 * The signed-in pages of an organization, below the header; the current one is marked for
 * screen readers too. Plain `Link`s: NavLink would add to the first page's download.
 */
export function SiteNav() {
  const { pathname } = useLocation();
  return (
    <nav className="site-nav" aria-label="Organization pages">
      <ul>
        {PAGES.map(({ to, label }) => (
          <li key={to}>
            <Link to={to} aria-current={pathname.replace(/\/+$/, "") === to ? "page" : undefined}>
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
