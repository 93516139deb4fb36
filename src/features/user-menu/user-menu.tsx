import { useAuth } from "@workos-inc/authkit-react";
import { Link } from "react-router-dom";
import { SignOutButton } from "../../auth/sign-out-button";
import { useDisclosure } from "../../components/use-disclosure";
import "./user-menu.css";

/**
 * The signed-in user's menu in the header: who is signed in, the account page and Sign out,
 * behind one small button so the header stays one row on a phone.
 */
export function UserMenu() {
  const { user } = useAuth();
  const menu = useDisclosure();
  if (user === null) return null;
  const name = [user.firstName, user.lastName].filter(Boolean).join(" ");
  const initial = (user.firstName || user.email).charAt(0).toUpperCase();

  return (
    <div className="user-menu" {...menu.containerProps}>
      <button type="button" className="user-menu-button" title={user.email} {...menu.buttonProps}>
        <span className="avatar" aria-hidden="true">
          {initial}
        </span>
        <span className="visually-hidden">User menu</span>
        <svg className="chevron" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <path d="M4 6l4 4 4-4" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
        </svg>
      </button>
      <div className="user-menu-panel" {...menu.panelProps}>
        <p className="user-menu-who">
          {name && <span className="user-menu-name">{name}</span>}
          {/* Long addresses are cut to fit; the full one is in the title and in the text itself. */}
          <span className="user-menu-email" title={user.email}>
            {user.email}
          </span>
        </p>
        <ul className="user-menu-items">
          <li>
            <Link to="/app/account" onClick={menu.close}>
              Account
            </Link>
          </li>
          <li>
            <SignOutButton />
          </li>
        </ul>
      </div>
    </div>
  );
}
