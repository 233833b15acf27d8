import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Migrates a fresh database (SQLite, or TEST_POSTGRES_URL), bundles the functions and starts
    // serverless-offline on free loopback ports; API tests talk to it over HTTP.
    globalSetup: ["test/support/global-setup.ts"],
    testTimeout: 20_000,
    hookTimeout: 60_000,
    reporters: ["default"],
  },
});
