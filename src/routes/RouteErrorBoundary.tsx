import { Component, type ErrorInfo, type ReactNode } from "react";

type State = { error: unknown };

/**
 * What a page shows when it throws while rendering — including a failed download of a page's
 * code after a deploy — instead of a blank screen. Keyed by path, so navigating away recovers.
 */
export class RouteErrorBoundary extends Component<{ children: ReactNode }, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error("A page failed to render.", error, info.componentStack);
  }

  render() {
    if (this.state.error === null) return this.props.children;
    return (
      <main className="page page-narrow">
        <div className="card status-error" role="alert">
          <h1>This page ran into a problem</h1>
          <p>{this.state.error instanceof Error ? this.state.error.message : String(this.state.error)}</p>
          <p>Reloading usually helps (after a new release, the page may need the new version).</p>
          <p className="actions">
            <button type="button" onClick={() => window.location.reload()}>
              Reload the page
            </button>
            <a href="/">Go to the home page</a>
          </p>
        </div>
      </main>
    );
  }
}
