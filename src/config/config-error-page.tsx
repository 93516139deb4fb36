import type { ConfigProblem } from "./config";

/**
 * Shown instead of the app when the configuration is missing or wrong, so a developer sees what
 * to change rather than a blank page.
 */
export function ConfigErrorPage({ problems }: { problems: ConfigProblem[] }) {
  return (
    <main className="page page-narrow" aria-labelledby="config-title">
      <h1 id="config-title">The app is not configured yet</h1>
      <p>
        {problems.length === 1 ? "One setting needs" : `${problems.length} settings need`} attention before the app
        can start. Environment variables are read when Vite starts, so restart <code>npm run dev</code> (or rebuild)
        after changing them.
      </p>
      <ul className="problem-list">
        {problems.map((p) => (
          <li key={p.variable + p.problem} className="card">
            <h2>
              <code>{p.variable}</code>
            </h2>
            <p>{p.problem}</p>
            <p>
              <strong>Fix:</strong> {p.fix}
            </p>
          </li>
        ))}
      </ul>
      <h2>Where the values come from</h2>
      <ul>
        <li>
          <strong>Local, no accounts:</strong> <code>npm run dev</code> starts the local AuthKit and Convex and sets every
          variable for you.
        </li>
        <li>
          <strong>Real WorkOS and Convex:</strong> add the variables to <code>.env.local</code>.{" "}
          <code>npx convex dev</code> has already written <code>CONVEX_DEPLOYMENT</code> and <code>VITE_CONVEX_URL</code>{" "}
          there, so add to that file rather than copying <code>.env.local.example</code> over it (which would lose{" "}
          <code>CONVEX_DEPLOYMENT</code>); the example explains every variable, and the README section “Connect real
          WorkOS and Convex” lists the dashboard steps.
        </li>
      </ul>
    </main>
  );
}
