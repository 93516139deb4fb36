import type { Context } from "hono";
import type { App } from "../app.ts";
import type { CorsVerdict } from "./cors.ts";
import type { ErrorShape } from "./errors.ts";

/** What every request carries besides Hono's own: the server, and this request's log remarks. */
export interface Env {
  Variables: {
    app: App;
    /** Remarks for this request's log line (why it failed, which code was issued…). */
    notes: string[];
    cors: CorsVerdict;
    /** How this route writes errors; set when the route is matched. */
    shape: ErrorShape;
  };
}

export type Ctx = Context<Env>;

/** Adds a remark to this request's log line. */
export function note(c: Ctx, text: string): void {
  c.var.notes.push(text);
}
