import { APP_NAME } from "./brand";

/** What every page ends with: what this app is built on. */
export function SiteFooter() {
  return (
    <footer className="site-footer">
      <p>
        {APP_NAME}: a starter for React apps, signed in with{" "}
        <a href="https://workos.com/docs/authkit">WorkOS AuthKit</a>, synced by <a href="https://docs.convex.dev">Convex</a>.
      </p>
    </footer>
  );
}
