import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DoctorInputs } from "../inputs.ts";

/** This repository: its convex/, node_modules/ and vite.config.ts (read, never written, by the doctor). */
export const REPO_ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/**
 * Inputs for `runDoctor` as if `.env.local` held `values` (no file at all for `null`), for the
 * app on http://localhost:5173. Nothing is read from the developer's own env files.
 */
export function inputsFor(values: Record<string, string> | null, more: Partial<DoctorInputs> = {}): DoctorInputs {
  return {
    root: REPO_ROOT,
    envFiles: values === null ? { found: [], values: {} } : { found: [".env.local"], values },
    vite: { port: 5173, strictPort: true },
    httpTimeoutMs: 2000,
    ...more,
  };
}

/** A real-WorkOS-shaped `.env.local` that passes every offline check. */
export const REAL_ENV = {
  VITE_WORKOS_CLIENT_ID: "client_01HXYZABCDEF",
  VITE_WORKOS_REDIRECT_URI: "http://localhost:5173/callback",
  VITE_CONVEX_URL: "https://quiet-otter-42.convex.cloud",
} as const;

/**
 * A copy of this repository's convex/ folder in a temporary root (with node_modules linked), for
 * tests that need a broken auth.config.ts or stale generated code. `remove()` deletes it.
 */
export function copyOfRepo(): { root: string; convexDir: string; remove(): void } {
  const root = mkdtempSync(path.join(tmpdir(), "doctor-"));
  cpSync(path.join(REPO_ROOT, "convex"), path.join(root, "convex"), { recursive: true });
  cpSync(path.join(REPO_ROOT, "package.json"), path.join(root, "package.json"));
  symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
  return { root, convexDir: path.join(root, "convex"), remove: () => rmSync(root, { recursive: true, force: true }) };
}
