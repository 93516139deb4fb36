import { createElement, lazy, useState, type ComponentType } from "react";

/**
 * A page fetched on first use, like `React.lazy`, that can also be fetched ahead (`preload()`).
 * Once fetched it renders without suspending: React holds back revealing a Suspense boundary for
 * up to 300 ms after its fallback showed, so a page that suspends even briefly shows late.
 */
export function lazyPage<P extends object>(load: () => Promise<{ default: ComponentType<P> }>) {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<{ default: ComponentType<P> }> | null = null;
  const preload = () => {
    loading ??= load().then(
      (module) => {
        loaded = module.default;
        return module;
      },
      (error: unknown) => {
        // A failed download (offline, a new deploy) may be retried by the next visit.
        loading = null;
        throw error;
      },
    );
    return loading;
  };
  const Lazy = lazy(preload);

  function Page(props: P) {
    // Chosen once per mount: switching from the lazy wrapper to the module would remount the page.
    const [Component] = useState<ComponentType<P>>(() => loaded ?? Lazy);
    return createElement(Component, props);
  }
  return Object.assign(Page, { preload });
}
