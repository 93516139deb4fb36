import { Link, useLocation } from "react-router-dom";

export default function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <main id="main" tabIndex={-1} className="page page-narrow">
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{pathname}</code>. It may have moved, or the link may be mistyped.
      </p>
      <p className="actions">
        <Link to="/">Go to the home page</Link>
        <Link to="/app">Go to your notes</Link>
      </p>
    </main>
  );
}
