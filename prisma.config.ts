// Prisma CLI configuration for the SQLite schema (the default). Used by `prisma generate` only:
// migrations run through scripts/migrate.mjs, because the native schema engine that
// `prisma migrate` needs cannot be downloaded on our machines (see scripts/README.md).
import path from "node:path";
import { defineConfig } from "prisma/config";

// Any existing file stops Prisma 7 from trying to download the schema engine before `generate`.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve(import.meta.dirname, "scripts/schema-engine-offline-stub");

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
});
