import { fileURLToPath } from "node:url";
import { defineProject } from "vitest/config";

export default defineProject({
  test: {
    // Paths are relative to the repository, so the project runs the same from the root workspace.
    root: fileURLToPath(new URL("../..", import.meta.url)),
    name: "emulators-shared",
    environment: "node",
    include: ["emulators/shared/**/*.test.ts"],
  },
});
