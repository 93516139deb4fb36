import { AsyncLocalStorage } from "node:async_hooks";
import { readdirSync } from "node:fs";
import path from "node:path";
import { createServer, type ViteDevServer } from "vite";

const MODULE_EXTENSIONS = [".ts", ".js", ".mts", ".mjs", ".cts", ".cjs", ".tsx", ".jsx"];

export type ConvexModule = Record<string, unknown>;
export type ModuleLoaders = Record<string, () => Promise<ConvexModule>>;

/**
 * The code the backend serves: the convex folder on disk (ConvexModules), or bundles pushed by
 * `npx convex dev` / `deploy` (PushedModules). Module paths are Convex's (`dir/mod`, no extension).
 */
export interface ModuleSource {
  /** Files convex-test may load, keyed by path (convex-test finds the root by a `_generated` key). */
  loaders(): ModuleLoaders;
  /** The function modules, as Convex module paths. */
  entryPoints(): string[];
  /** The entry-point module a caller names, or null; caller text never becomes a file path. */
  loadEntry(modulePath: string): Promise<ConvexModule | null>;
  loadOptional(name: SpecialModule): Promise<ConvexModule | null>;
  has(name: SpecialModule): boolean;
  /** Forget evaluated modules, so the next load evaluates them again (new env values). */
  invalidateAll(): void;
  close(): Promise<void>;
}

/** What kind of edit happened in the convex folder, so the server knows how much to rebuild. */
export type ChangeKind = "schema" | "files" | "code";

/**
 * Loads the convex folder's modules through a Vite server in middleware mode
 * (TypeScript, path aliases and imports between modules work as in `vite`), and
 * invalidates them when files change, so an edited function runs on the next call.
 */
export class ConvexModules implements ModuleSource {
  /**
   * Runs module loading outside any function call's context. convex-test loads a module when a
   * function calls another (`ctx.runQuery` in a mutation); inside the mutation's context its
   * transaction guards refuse the timers Vite uses while loading.
   */
  private readonly outsideCalls = AsyncLocalStorage.snapshot();

  /** Every module file of the folder by its module path (`dir/mod`, no extension). */
  private index = new Map<string, string>();
  /**
   * Evaluated modules by file, until the next invalidation. Every function call loads its module
   * twice (the backend's lookup and convex-test's), and Vite's own cache still resolves the URL
   * and walks its module graph each time.
   */
  private loaded = new Map<string, Promise<ConvexModule>>();

  private constructor(
    readonly convexDir: string,
    private readonly vite: ViteDevServer,
  ) {
    this.rescan();
  }

  static async open(convexDir: string, watch: boolean): Promise<ConvexModules> {
    const dir = path.resolve(convexDir);
    // Vite's root is the folder's parent (so `/convex/x.ts` URLs work); only the folder itself is watched.
    const ignored = (file: string) => !(file === path.dirname(dir) || file === dir || file.startsWith(dir + path.sep)) || file.includes(`${path.sep}node_modules${path.sep}`);
    const vite = await createServer({
      root: path.dirname(dir),
      configFile: false,
      logLevel: "silent",
      appType: "custom",
      clearScreen: false,
      server: { middlewareMode: true, hmr: false, ws: false, watch: watch ? { ignored } : null },
      optimizeDeps: { noDiscovery: true, include: [] },
    });
    return new ConvexModules(dir, vite);
  }

  /** Files convex-test may load, keyed by absolute path (convex-test finds the root by `_generated`). */
  loaders(): ModuleLoaders {
    this.rescan();
    const loaders: ModuleLoaders = {};
    for (const file of this.index.values()) {
      loaders[file] = () => this.load(file);
    }
    return loaders;
  }

  /** The function modules, as Convex module paths (`dir/mod`), in the order the folder lists them. */
  entryPoints(): string[] {
    return [...this.index.keys()].filter(isEntryPoint);
  }

  /**
   * The module a caller names (`dir/mod`), or null. Resolved only against the files the folder
   * holds and only among Convex's entry points: caller text never becomes a file path, so
   * `../`, absolute paths or `_generated/…` name nothing.
   */
  async loadEntry(modulePath: string): Promise<ConvexModule | null> {
    const file = isEntryPoint(modulePath) ? this.index.get(modulePath) : undefined;
    return file === undefined ? null : await this.load(file);
  }

  /** One of the folder's configuration modules, or null when the folder has none. */
  async loadOptional(name: SpecialModule): Promise<ConvexModule | null> {
    const file = this.index.get(name);
    return file === undefined ? null : await this.load(file);
  }

  has(name: SpecialModule): boolean {
    return this.index.has(name);
  }

  load(file: string): Promise<ConvexModule> {
    let loading = this.loaded.get(file);
    if (loading === undefined) {
      const url = "/" + path.relative(path.dirname(this.convexDir), file).split(path.sep).join("/");
      loading = this.outsideCalls(() => this.vite.ssrLoadModule(url)) as Promise<ConvexModule>;
      this.loaded.set(file, loading);
      // A module that failed to load is tried again on the next call (the error may be fixed by then).
      loading.catch(() => {
        if (this.loaded.get(file) === loading) this.loaded.delete(file);
      });
    }
    return loading;
  }

  /** Re-reads the folder's file list (at start, on added or removed files, before a rebuild). */
  private rescan(): void {
    const index = new Map<string, string>();
    for (const file of listModuleFiles(this.convexDir)) {
      const modulePath = path.relative(this.convexDir, file).split(path.sep).join("/").replace(/\.[^/.]+$/, "");
      if (!index.has(modulePath)) index.set(modulePath, file);
    }
    this.index = index;
  }

  /** Calls `listener` after edits in the convex folder, once the module graph has forgotten them. */
  onChange(listener: (kind: ChangeKind, file: string) => void): void {
    const handle = (event: "add" | "change" | "unlink") => (file: string) => {
      if (!file.startsWith(this.convexDir + path.sep)) return;
      this.invalidateAll();
      const rel = path.relative(this.convexDir, file);
      const kind: ChangeKind = /^schema\.[mc]?[jt]sx?$/.test(rel) ? "schema" : event === "change" ? "code" : "files";
      if (event !== "change") this.rescan();
      listener(kind, file);
    };
    this.vite.watcher.on("change", handle("change"));
    this.vite.watcher.on("add", handle("add"));
    this.vite.watcher.on("unlink", handle("unlink"));
  }

  invalidateAll(): void {
    this.vite.moduleGraph.invalidateAll();
    this.loaded.clear();
  }

  async close(): Promise<void> {
    await this.vite.close();
  }
}

/** Modules the server loads by name besides functions. */
export type SpecialModule = "schema" | "auth.config" | "crons" | "http";

/**
 * Convex's rules for which files are function modules (the CLI's bundler `entryPoints`): not in
 * `_generated/` or `_deps/`, no dot files or `#` files, not `schema`, one dot at most in the
 * file name (so `auth.config.ts` and `*.test.ts` are not), no spaces.
 */
export function isEntryPoint(modulePath: string): boolean {
  const segments = modulePath.split("/");
  const base = segments.at(-1)!;
  return (
    segments.every((s) => s !== "" && s !== "." && s !== "..") &&
    segments[0] !== "_generated" &&
    segments[0] !== "_deps" &&
    !base.startsWith(".") &&
    !base.startsWith("#") &&
    base !== "schema" &&
    !base.includes(".") &&
    !modulePath.includes(" ")
  );
}

function listModuleFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== "node_modules" && !entry.name.startsWith(".")) out.push(...listModuleFiles(full));
    } else if (MODULE_EXTENSIONS.some((ext) => entry.name.endsWith(ext)) && !/\.d\.[mc]?ts$/.test(entry.name)) {
      out.push(full);
    }
  }
  return out;
}
