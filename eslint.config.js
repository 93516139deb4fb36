import js from "@eslint/js";
import convexPlugin from "@convex-dev/eslint-plugin";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const reactRouter = { name: "react-router", message: "Import from react-router-dom: it is the router package package.json declares." };
// One naming rule for files outside convex/: kebab-case (`site-header.tsx`, `use-store-user.ts`),
// as bulletproof-react names them. convex/ keeps camelCase, since its file names are API paths
// (`api.organizationSettings.get`), as in Convex's own templates.
const kebabFileName = {
  meta: { type: "suggestion", schema: [] },
  create(context) {
    const name = context.filename.split(/[\\/]/).pop() ?? "";
    const stem = name.split(".")[0];
    if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(stem)) return {};
    return {
      Program(node) {
        context.report({ node, message: `File names are kebab-case: rename ${name} (for example ${stem.replace(/([a-z0-9])([A-Z])/g, "$1-$2").toLowerCase()}.${name.split(".").slice(1).join(".")}).` });
      },
    };
  },
};
const localRules = { rules: { "file-name": kebabFileName } };
const srcFromConvex = { group: ["**/src/**"], message: "convex/ runs on the Convex deployment: it cannot import the browser app in src/." };

// One configuration for the whole repository. Unlike the official Convex + AuthKit template,
// convex/ is linted too, with Convex's own rules.
export default tseslint.config(
  {
    ignores: [
      "dist",
      "**/_generated",
      ".local",
      "node_modules",
      "test-results",
      "playwright-report",
      "bench-results",
      "coverage",
    ],
  },
  {
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    files: ["**/*.{ts,tsx,js,mjs,cjs}"],
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}", "e2e/**/*.ts", "emulators/**/*.{ts,mjs}"],
    ignores: ["**/fixtures/**"],
    plugins: { local: localRules },
    rules: { "local/file-name": "error" },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    languageOptions: { globals: globals.browser },
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.flat["recommended-latest"].rules,
  },
  {
    files: ["src/**/*.{ts,tsx}", "e2e/**/*.ts"],
    rules: { "no-restricted-imports": ["error", { paths: [reactRouter] }] },
  },
  {
    // The test helpers in src/testing describe the local AuthKit's demo accounts by importing
    // them (emulators/authkit/demo-world.ts); the app itself never depends on an emulator.
    files: ["src/**/*.{ts,tsx}"],
    ignores: ["src/testing/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [reactRouter],
          patterns: [{ group: ["**/emulators/**"], message: "The app runs against real WorkOS and Convex too: only src/testing may import from emulators/." }],
        },
      ],
    },
  },
  {
    files: ["convex/**/*.ts"],
    languageOptions: { globals: { ...globals.worker } },
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            srcFromConvex,
            { group: ["**/emulators/**"], message: "convex/ runs on the Convex deployment, where there are no emulators: only its tests may import them." },
          ],
        },
      ],
    },
  },
  {
    // Tests run in convex-test, not on the deployment (test.setup.ts's extra dot keeps it out of
    // the push): they sign in as the demo world's accounts, imported from emulators/authkit.
    files: ["convex/**/*.test.ts", "convex/test.setup.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [srcFromConvex] }] },
  },
  {
    // The two emulators; npm run dev and the doctor are this repository's tools and read its config.
    files: ["emulators/authkit/**/*.{ts,js,mjs}", "emulators/convex/**/*.{ts,js,mjs}"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/src/**"], message: "An emulator is a tool another project could run as it is: it imports nothing from the app in src/." }] },
      ],
    },
  },
  ...convexPlugin.configs.recommended,
  {
    // auth.config.ts is evaluated when functions are pushed, where process.env is how Convex
    // documents reading deployment variables (seed 001); the typed `env` object is for functions.
    files: ["convex/auth.config.ts"],
    rules: { "@convex-dev/no-process-env": "off" },
  },
  {
    files: ["emulators/**/*.{ts,js,mjs}", "e2e/**/*.{ts,js}", ".ci/**/*.{ts,js,mjs}", "*.{ts,js,mjs,cjs}"],
    languageOptions: { globals: globals.node },
  },
  {
    // The local AuthKit is a tool another project could run as it is (the areas' block below repeats this).
    files: ["emulators/authkit/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["**/src/**"], message: "The emulators import nothing from the app in src/." }] }],
    },
  },
  {
    // Each WorkOS area of the local AuthKit stands alone: what two areas share lives outside areas/.
    files: ["emulators/authkit/areas/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "^\\.\\./(?!\\.\\./)", message: "An area does not import another area: move what both need out of areas/ (http/, sign-in/, store/…)." },
            { regex: "(^|/)areas/", message: "An area does not import another area: move what both need out of areas/ (http/, sign-in/, store/…)." },
            { group: ["**/src/**"], message: "The emulators import nothing from the app in src/." },
          ],
        },
      ],
    },
  },
  {
    // The code both emulators share stands alone: each emulator depends on it, never the reverse.
    files: ["emulators/shared/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/authkit", "**/authkit/**", "../**/convex", "../**/convex/**", "**/src", "**/src/**"], message: "emulators/shared/ is used by both emulators: it imports nothing from either of them or from the app." },
          ],
        },
      ],
    },
  },
  {
    // Playwright fixtures that need no other fixture must still destructure: `async ({}, use) => …`.
    files: ["e2e/**/*.ts"],
    rules: { "no-empty-pattern": "off" },
  },
);
