import type { CSSProperties } from "react";

/**
 * A placeholder of about the size the coming data will take, so the page does not jump when it
 * arrives. Hidden from assistive technology: the region around it says it is busy (`aria-busy`)
 * and the page announces the wait once, with `LoadingAnnouncement`.
 */
export function Skeleton({ width = "100%", height, className }: { width?: string; height?: string; className?: string }) {
  const style: CSSProperties = { width, ...(height && { height }) };
  return <span className={className ? `skeleton ${className}` : "skeleton"} style={style} aria-hidden="true" />;
}

/** The one loading message of the app, said once per page (politely) and not shown. */
export const LOADING_MESSAGE = "Loading…";

export function LoadingAnnouncement() {
  return (
    <span role="status" className="visually-hidden">
      {LOADING_MESSAGE}
    </span>
  );
}
