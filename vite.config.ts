import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { exposedSecrets, SECRET_VALUE } from "./src/config/secret-env";

/**
 * Fails the build (and the dev server) when a WorkOS API key would reach the browser: through an
 * exposed environment variable, or anywhere in the files a build writes.
 */
export function refuseSecretsInBundle(): Plugin {
  // Files copied verbatim from public/ into the build, which never pass through the bundle.
  let publicDir: string | null = null;
  return {
    name: "refuse-secrets-in-bundle",
    configResolved(config) {
      const prefixes = [config.envPrefix ?? "VITE_"].flat();
      if (prefixes.some((prefix) => prefix === "" || "WORKOS_API_KEY".startsWith(prefix))) {
        throw new Error(
          `envPrefix ${JSON.stringify(prefixes)} would expose WORKOS_API_KEY to the browser. ` +
            'Keep the default "VITE_" prefix in vite.config.ts.',
        );
      }
      publicDir = config.build.copyPublicDir && config.publicDir ? config.publicDir : null;
      const [secret] = exposedSecrets(config.env, prefixes);
      if (secret !== undefined) {
        throw new Error(
          `${secret} looks like a secret and every ${prefixes.join("/")} variable is embedded in the public bundle. ` +
            "Remove it from .env.local / the build environment; a WorkOS API key belongs on a server, never in this app.",
        );
      }
    },
    generateBundle: {
      // After Vite's own plugins, so index.html and the other emitted assets are in `bundle` too.
      order: "post",
      handler(_options, bundle) {
        const files: [string, string | Uint8Array][] = Object.values(bundle).map((file) => [
          file.fileName,
          file.type === "chunk" ? file.code : file.source,
        ]);
        if (publicDir !== null && existsSync(publicDir)) {
          for (const entry of readdirSync(publicDir, { recursive: true, withFileTypes: true })) {
            const path = join(entry.parentPath, entry.name);
            if (entry.isFile()) files.push([relative(publicDir, path), readFileSync(path)]);
          }
        }
        for (const [fileName, content] of files) {
          const text = typeof content === "string" ? content : Buffer.from(content).toString("latin1");
          if (SECRET_VALUE.test(text)) {
            this.error(
              `${fileName} contains what looks like a WorkOS API key (sk_test_…/sk_live_…). ` +
                "Find where it is imported, inlined or copied from public/ and remove it; the browser must never receive it.",
            );
          }
        }
      },
    },
  };
}

export default defineConfig({
  plugins: [react(), refuseSecretsInBundle()],
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  // No modulepreload polyfill: every browser the build targets preloads modules itself (one without
  // it just fetches the chunk when it is imported), and the polyfill is first-page bytes.
  build: { manifest: true, sourcemap: true, modulePreload: { polyfill: false } },
});
