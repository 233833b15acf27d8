import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (index.js) and ESM (index.mjs). Node hands Pothos and yoga the CJS
    // build; make our own sources use the same one, or `instanceof` checks see two realms.
    alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Migrates a fresh database (SQLite, or TEST_POSTGRES_URL), bundles the functions and starts
    // serverless-offline on free loopback ports; API tests talk to it over HTTP.
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
