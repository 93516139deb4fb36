import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    // Paths are relative to the repository, so the project runs the same from the root workspace.
    root: fileURLToPath(new URL("../..", import.meta.url)),
    name: "doctor",
    environment: "node",
    include: ["emulators/doctor/**/*.test.ts"],
    // These start the local AuthKit and Convex and run the Convex CLI.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // The local Convex reads its deployment variables from process.env, which one file at a time keeps apart.
    fileParallelism: false,
  },
});
