import { createHash } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { isEntryPoint, type ConvexModule, type ModuleLoaders, type ModuleSource, type SpecialModule } from "../../modules.ts";

/** One bundled module as the CLI pushes it (`moduleConfig` in the CLI's deploy API). */
export interface Bundle {
  /** `messages.js`, `dir/mod.js`, `_deps/ABC.js`, `auth.config.js`, `schema.js`. */
  path: string;
  source: string;
  sourceMap?: string;
  environment: "isolate" | "node";
}

/** The CLI's module hash (`hash()` in its components.ts): sha256 of the source, then the source map. */
export function bundleHash(bundle: Bundle): string {
  return createHash("sha256").update(bundle.source).update(bundle.sourceMap ?? "").digest("hex");
}

/**
 * Bundles pushed by `npx convex dev` / `deploy`, served as the deployment's code. They are written
 * to a folder (one per generation: a change of environment variables evaluates every module
 * again, and Node caches an ES module by its URL for good) and loaded with `import()`.
 */
export class PushedModules implements ModuleSource {
  private readonly byModulePath = new Map<string, Bundle>();
  private generation = 0;
  private written: string | null = null;

  constructor(
    private readonly root: string,
    readonly bundles: Bundle[],
    readonly schema: Bundle | null,
  ) {
    for (const bundle of bundles) this.byModulePath.set(bundle.path.replace(/\.js$/, ""), bundle);
    if (schema) this.byModulePath.set("schema", { ...schema, path: "schema.js" });
  }

  loaders(): ModuleLoaders {
    const loaders: ModuleLoaders = {};
    // convex-test finds the modules' root by a `_generated` path; the bundles have it inlined.
    loaders[path.join(this.root, "_generated", "server.js")] = () => Promise.reject(new Error("_generated is bundled into each pushed module"));
    for (const modulePath of this.byModulePath.keys()) {
      if (modulePath.startsWith("_deps/")) continue;
      loaders[path.join(this.root, `${modulePath}.js`)] = () => this.load(modulePath);
    }
    return loaders;
  }

  entryPoints(): string[] {
    return [...this.byModulePath.keys()].filter(isEntryPoint);
  }

  async loadEntry(modulePath: string): Promise<ConvexModule | null> {
    return isEntryPoint(modulePath) && this.byModulePath.has(modulePath) ? await this.load(modulePath) : null;
  }

  async loadOptional(name: SpecialModule): Promise<ConvexModule | null> {
    return this.byModulePath.has(name) ? await this.load(name) : null;
  }

  has(name: SpecialModule): boolean {
    return this.byModulePath.has(name);
  }

  invalidateAll(): void {
    this.generation += 1;
    this.written = null;
  }

  async close(): Promise<void> {
    rmSync(this.root, { recursive: true, force: true });
  }

  private async load(modulePath: string): Promise<ConvexModule> {
    const folder = this.write();
    // An absolute path: Node imports it as a file, and so does Vitest's module runner in tests.
    return (await import(/* @vite-ignore */ path.join(folder, `${modulePath}.js`))) as ConvexModule;
  }

  /** The current generation's folder, written on first use. */
  private write(): string {
    if (this.written !== null) return this.written;
    const folder = path.join(this.root, `g${this.generation}`);
    rmSync(folder, { recursive: true, force: true });
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "package.json"), JSON.stringify({ type: "module" }));
    for (const [modulePath, bundle] of this.byModulePath) {
      const file = path.join(folder, `${modulePath}.js`);
      // Bundle paths come from the push: keep every one inside the folder.
      if (!file.startsWith(folder + path.sep)) throw new Error(`Refusing a pushed module path outside the modules folder: ${bundle.path}`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, bundle.source);
      if (bundle.sourceMap !== undefined) writeFileSync(`${file}.map`, bundle.sourceMap);
    }
    this.written = folder;
    return folder;
  }
}
