// Lint rules: ESLint's and typescript-eslint's recommended sets, plus the layering rule from
// DESIGN.md (arrows point one way: functions -> schema -> services -> ml -> core).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// A layer may not import the named folders, from any depth ("../services/x", "../../services/x").
const layer = (files, forbidden, why) => ({
  files,
  rules: {
    "no-restricted-imports": [
      "error",
      { patterns: forbidden.map((group) => ({ group: /^\.\.\/\w/.test(group) ? [group, `**/${group.slice(3)}`] : [group], message: why })) },
    ],
  },
});

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", ".serverless/", ".native/", "core/kernels/simd/assembly/", "prisma/generated/", "coverage/", "data/", "tmp/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", Buffer: "readonly", WebAssembly: "readonly", performance: "readonly", setTimeout: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
      // Cold start: the named `z` holds all of zod (every locale), which esbuild cannot tree-shake.
      "no-restricted-syntax": ["error", { selector: "ImportDeclaration[source.value='zod'] > ImportSpecifier[imported.name='z']", message: 'import * as z from "zod": the named z brings 350 KiB more into every bundle.' }],
    },
  },
  // Tests read arbitrary JSON responses; typing every one would add noise, not safety.
  { files: ["test/**"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
  layer(["config/**"], ["../*/**", "../*.ts"], "config/ imports nothing from the project but package.json."),
  layer(["core/**"], ["../ml/*", "../services/*", "../schema/*", "../functions/*", "../config/*", "node:*"], "core/ is pure: no I/O, no upper layers."),
  layer(["ml/**"], ["../services/*", "../schema/*", "../functions/*", "node:*"], "ml/ imports core/ only."),
  layer(["services/**"], ["../schema/*", "../functions/*"], "services/ must not depend on the GraphQL or Lambda layers."),
  layer(["schema/**"], ["../functions/*", "../core/*", "../ml/*", "../prisma/generated/*/client*"], "schema/ goes through services/ for the database, the engine and the models."),
);
