// ESLint (flat config) with typescript-eslint's recommended rules for the TypeScript sources,
// tests and scripts. Formatting is Prettier's (.prettierrc.json), not ESLint's.
import js from "@eslint/js";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "_site/", "plugins/jekyll-plans/dist/", "bench-out/", ".cache/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused arguments named with a leading underscore are deliberate (callback shapes).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Tests read JSON the build wrote; its shape is checked by the assertions themselves.
    files: ["test/**/*.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Scripts that run in the reader's browser.
    files: ["plugins/jekyll-plans/assets/**/*.js"],
    languageOptions: { globals: { ...globals.browser } },
  },
);
