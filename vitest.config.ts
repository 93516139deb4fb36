import { defineConfig } from "vitest/config";

// One `vitest run` covers every layer; each project picks the runtime its code runs in.
export default defineConfig({
  test: {
    projects: [
      {
        extends: "./vite.config.ts",
        test: {
          name: "app",
          environment: "jsdom",
          globals: true,
          include: ["src/**/*.test.{ts,tsx}"],
          setupFiles: ["src/testing/setup.ts"],
        },
      },
      {
        test: {
          name: "convex",
          environment: "edge-runtime",
          include: ["convex/**/*.test.ts"],
          server: { deps: { inline: ["convex-test"] } },
        },
      },
      {
        // The README kept true: its recipes followed in a copy of the project, its screenshots' page list.
        test: {
          name: "docs",
          environment: "node",
          include: ["e2e/recipes/**/*.test.ts", "e2e/screenshots/**/*.test.ts"],
        },
      },
      "emulators/*/vitest.config.ts",
    ],
  },
});
