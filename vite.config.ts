import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

// A WorkOS API key (`sk_test_…` / `sk_live_…`) is a server secret: it gives full access to the
// WorkOS environment. This SPA never needs one, so a build that would ship one fails.
const SECRET_VALUE = /\bsk_(?:test|live)_[A-Za-z0-9]{8,}/;
const SECRET_NAME = /(?:^|_)(?:API_KEY|SECRET|PASSWORD|PRIVATE_KEY|COOKIE_PASSWORD)$/;

export function refuseSecretsInBundle(): Plugin {
  // Files copied verbatim from public/ into the build, which never pass through the bundle.
  let publicDir: string | null = null;
  return {
    name: "refuse-secrets-in-bundle",
    apply: "build",
    configResolved(config) {
      const prefixes = [config.envPrefix ?? "VITE_"].flat();
      if (prefixes.some((prefix) => prefix === "" || "WORKOS_API_KEY".startsWith(prefix))) {
        throw new Error(
          `envPrefix ${JSON.stringify(prefixes)} would expose WORKOS_API_KEY to the browser. ` +
            'Keep the default "VITE_" prefix in vite.config.ts.',
        );
      }
      publicDir = config.build.copyPublicDir && config.publicDir ? config.publicDir : null;
      for (const [name, value] of Object.entries(config.env)) {
        const exposed = prefixes.some((prefix) => name.startsWith(prefix));
        if (exposed && (SECRET_NAME.test(name) || (typeof value === "string" && SECRET_VALUE.test(value)))) {
          throw new Error(
            `${name} looks like a secret and every ${prefixes.join("/")} variable is embedded in the public bundle. ` +
              "Remove it from .env.local / the build environment; a WorkOS API key belongs on a server, never in this app.",
          );
        }
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
  build: { manifest: true, sourcemap: true },
});
