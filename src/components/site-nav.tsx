import { useQuery } from "convex/react";
import { Link, useLocation } from "react-router-dom";
import { api } from "../../convex/_generated/api";

/** `manage`: for holders of `members:manage` only (as Convex has it now, so a role change shows at once). */
const PAGES = [
  { to: "/app", label: "Home" },
  { to: "/app/members", label: "Members" },
  { to: "/app/organization", label: "Organization settings", manage: 1 },
];

/**
 * The signed-in pages of an organization, below the header; the current one is marked for
 * screen readers too. Plain `Link`s: NavLink would add to the first page's download.
 */
export function SiteNav() {
  const { pathname } = useLocation();
  const me = useQuery(api.users.me, {});
  const manager = me?.permissions.includes("members:manage");
  const pages = PAGES.filter((page) => manager || !page.manage);
  return (
    <nav className="site-nav" aria-label="Organization pages">
      <ul>
        {pages.map(({ to, label }) => (
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
