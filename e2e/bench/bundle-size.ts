import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

/** One chunk of Vite's build manifest (`vite build --manifest`). */
interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  css?: string[];
}

export interface BundleSizes {
  /** Gzipped bytes. */
  firstPageJs: number;
  firstPageCss: number;
  totalJs: number;
  totalCss: number;
  firstPageFiles: string[];
}

/**
 * Gzipped sizes of a production build. The first page is what loading index.html costs before
 * any route is lazily loaded: the entry chunk, everything it imports statically (transitively),
 * and the CSS index.html links or those chunks bring.
 */
export function measureBundle(outDir: string): BundleSizes {
  const manifest = JSON.parse(readFileSync(path.join(outDir, ".vite", "manifest.json"), "utf8")) as Record<string, ManifestChunk>;
  const entries = Object.keys(manifest).filter((key) => manifest[key].isEntry);
  if (entries.length === 0) throw new Error(`No entry chunk in ${outDir}/.vite/manifest.json`);

  const firstPage = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    if (!chunk || firstPage.has(chunk.file)) return;
    firstPage.add(chunk.file);
    chunk.css?.forEach((css) => firstPage.add(css));
    chunk.imports?.forEach(visit);
  };
  entries.forEach(visit);
  for (const href of linkedStylesheets(outDir)) firstPage.add(href);

  const gz = (file: string) => gzipSync(readFileSync(path.join(outDir, file)), { level: 9 }).length;
  const all = listFiles(outDir).filter((f) => !f.startsWith(".vite/"));
  const sum = (files: string[], ext: string) => files.filter((f) => f.endsWith(ext)).reduce((n, f) => n + gz(f), 0);
  const firstPageFiles = [...firstPage].sort();
  return {
    firstPageJs: sum(firstPageFiles, ".js"),
    firstPageCss: sum(firstPageFiles, ".css"),
    totalJs: sum(all, ".js"),
    totalCss: sum(all, ".css"),
    firstPageFiles,
  };
}

function linkedStylesheets(outDir: string): string[] {
  const html = readFileSync(path.join(outDir, "index.html"), "utf8");
  return [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]*href="\/?([^"]+)"/g)].map((m) => m[1]);
}

function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(dir, path.join(prefix, entry.name)) : [path.join(prefix, entry.name)],
  );
}
