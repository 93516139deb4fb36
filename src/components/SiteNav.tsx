import { NavLink } from "react-router-dom";

/** The signed-in pages of an organization, below the header; the current one is marked for screen readers too. */
export function SiteNav() {
  return (
    <nav className="site-nav" aria-label="Organization pages">
      <ul>
        <li>
          <NavLink to="/app" end>
            Home
          </NavLink>
        </li>
        <li>
          <NavLink to="/app/members">Members</NavLink>
        </li>
      </ul>
    </nav>
  );
}
