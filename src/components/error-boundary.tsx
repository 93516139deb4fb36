import { Component, type ErrorInfo, type ReactNode } from "react";

type Props = {
  children: ReactNode;
  /** What to show instead of the children once they threw while rendering. */
  fallback: (error: unknown) => ReactNode;
  /** A new value clears the error and renders the children again (e.g. the path, on navigation). */
  resetKey?: unknown;
  /** Where the console message says the error happened. */
  label: string;
};

type State = { error: unknown; failed: boolean };

/** React's only way to catch errors thrown while rendering, with a way back. */
export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null, failed: false };

  static getDerivedStateFromError(error: unknown): State {
    return { error, failed: true };
  }

  componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(`${this.props.label} failed to render.`, error, info.componentStack);
  }

  componentDidUpdate(previous: Props) {
    if (this.state.failed && previous.resetKey !== this.props.resetKey) this.setState({ error: null, failed: false });
  }

  render() {
    return this.state.failed ? this.props.fallback(this.state.error) : this.props.children;
  }
}
