import { AsyncLocalStorage } from "node:async_hooks";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { createServer, type ViteDevServer } from "vite";

const MODULE_EXTENSIONS = [".ts", ".js", ".mts", ".mjs", ".tsx", ".jsx"];

export type ConvexModule = Record<string, unknown>;
export type ModuleLoaders = Record<string, () => Promise<ConvexModule>>;

/** What kind of edit happened in the convex folder, so the server knows how much to rebuild. */
export type ChangeKind = "schema" | "files" | "code";

/**
 * Loads the convex folder's modules through a Vite server in middleware mode
 * (TypeScript, path aliases and imports between modules work as in `vite`), and
 * invalidates them when files change, so an edited function runs on the next call.
 */
export class ConvexModules {
  /**
   * Runs module loading outside any function call's context. convex-test loads a module when a
   * function calls another (`ctx.runQuery` in a mutation); inside the mutation's context its
   * transaction guards refuse the timers Vite uses while loading.
   */
  private readonly outsideCalls = AsyncLocalStorage.snapshot();

  private constructor(
    readonly convexDir: string,
    private readonly vite: ViteDevServer,
  ) {}

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
    const loaders: ModuleLoaders = {};
    for (const file of listModuleFiles(this.convexDir)) {
      loaders[file] = () => this.load(file);
    }
    return loaders;
  }

  /** `modulePath` is a Convex module path such as `messages` or `dir/mod`; null when there is no such file. */
  find(modulePath: string): string | null {
    for (const ext of MODULE_EXTENSIONS) {
      const file = path.join(this.convexDir, modulePath + ext);
      if (isFile(file)) return file;
    }
    return null;
  }

  async load(file: string): Promise<ConvexModule> {
    const url = "/" + path.relative(path.dirname(this.convexDir), file).split(path.sep).join("/");
    return (await this.outsideCalls(() => this.vite.ssrLoadModule(url))) as ConvexModule;
  }

  async loadOptional(modulePath: string): Promise<ConvexModule | null> {
    const file = this.find(modulePath);
    return file === null ? null : await this.load(file);
  }

  /** Calls `listener` after edits in the convex folder, once the module graph has forgotten them. */
  onChange(listener: (kind: ChangeKind, file: string) => void): void {
    const handle = (event: "add" | "change" | "unlink") => (file: string) => {
      if (!file.startsWith(this.convexDir + path.sep)) return;
      this.vite.moduleGraph.invalidateAll();
      const rel = path.relative(this.convexDir, file);
      const kind: ChangeKind = /^schema\.[mc]?[jt]sx?$/.test(rel) ? "schema" : event === "change" ? "code" : "files";
      listener(kind, file);
    };
    this.vite.watcher.on("change", handle("change"));
    this.vite.watcher.on("add", handle("add"));
    this.vite.watcher.on("unlink", handle("unlink"));
  }

  invalidateAll(): void {
    this.vite.moduleGraph.invalidateAll();
  }

  async close(): Promise<void> {
    await this.vite.close();
  }
}

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
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
