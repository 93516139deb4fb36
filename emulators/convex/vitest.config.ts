import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // Patterns are relative to the repository, whether this file is run alone or as a project of the root config.
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    name: "convex-local",
    environment: "node",
    include: ["emulators/convex/**/*.test.ts"],
    exclude: ["**/node_modules/**", "emulators/convex/fixtures/**", ".local/**"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Each file starts its own servers; one file at a time keeps the shared CPUs calm.
    fileParallelism: false,
  },
});
