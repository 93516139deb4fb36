import { loadConfigFromFile } from "vite";

/** Where `vite` serves the app in development, as vite.config.ts says. */
export interface ViteServer {
  port: number;
  /** With strictPort Vite refuses to start rather than move to the next free port. */
  strictPort: boolean;
}

const VITE_DEFAULT_PORT = 5173;

/** Reads vite.config.ts the way `vite` does, so a port moved there is seen here too. */
export async function readViteServer(root: string): Promise<ViteServer> {
  const loaded = await loadConfigFromFile({ command: "serve", mode: "development" }, undefined, root, "silent");
  const server = loaded?.config.server ?? {};
  return { port: server.port ?? VITE_DEFAULT_PORT, strictPort: server.strictPort ?? false };
}
