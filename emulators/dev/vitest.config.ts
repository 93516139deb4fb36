import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    // Paths are relative to the repository, so the project runs the same from the root workspace.
    root: fileURLToPath(new URL("../..", import.meta.url)),
    name: "dev-stack",
    environment: "node",
    include: ["emulators/dev/**/*.test.ts"],
    // These start real emulators and a Vite dev server.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
