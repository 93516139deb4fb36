import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

// A WorkOS API key (`sk_test_…` / `sk_live_…`) is a server secret: it gives full access to the
// WorkOS environment. This SPA never needs one, so a build that would ship one fails.
const SECRET_VALUE = /\bsk_(?:test|live)_[A-Za-z0-9]{8,}/;
const SECRET_NAME = /(?:^|_)(?:API_KEY|SECRET|PASSWORD|PRIVATE_KEY|COOKIE_PASSWORD)$/;

export function refuseSecretsInBundle(): Plugin {
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
    generateBundle(_options, bundle) {
      for (const file of Object.values(bundle)) {
        const text = file.type === "chunk" ? file.code : typeof file.source === "string" ? file.source : "";
        if (SECRET_VALUE.test(text)) {
          this.error(
            `${file.fileName} contains what looks like a WorkOS API key (sk_test_…/sk_live_…). ` +
              "Find where it is imported or inlined and remove it; the browser must never receive it.",
          );
        }
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), refuseSecretsInBundle()],
  server: { port: 5173, strictPort: true },
  preview: { port: 4173, strictPort: true },
  build: { manifest: true, sourcemap: true },
});
