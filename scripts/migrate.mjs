#!/usr/bin/env node
// Offline stand-in for `prisma migrate dev|deploy|status|diff|reset`, driving Prisma's WebAssembly
// schema engine. It writes the same `_prisma_migrations` table, checksums and folder layout as Prisma.
//
//   deploy   apply pending migrations
//   dev      apply pending, then write a new migration for schema changes (--name n, --create-only)
//   status   report unapplied, failed and edited migrations (exit 1 if any)
//   diff     print the SQL a new migration would contain; exit 2 if there is any (CI drift check)
//   reset    drop everything, then apply all migrations
//
// Target: DATABASE_URL (file:... = SQLite, default file:./data/dev.db; postgresql://... = PostgreSQL).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_DATABASE_URL, databaseKind, redactUrl } from "./lib/database-url.mjs";
import { createAdapterFactory, loadSchemaEngineClass } from "./lib/schema-engine.mjs";
import { readMigrationsFolder, writeMigration } from "./lib/migrations-folder.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const TARGETS = {
  sqlite: { schema: "prisma/schema.prisma", migrations: "prisma/migrations", lockProvider: "sqlite" },
  postgres: { schema: "prisma/postgres/schema.prisma", migrations: "prisma/postgres/migrations", lockProvider: "postgresql" },
};
const COMMANDS = ["dev", "deploy", "status", "diff", "reset"];
const USAGE = "usage: node scripts/migrate.mjs <dev|deploy|status|diff|reset> [--name <name>] [--create-only] [--quiet]";
const filters = { externalTables: [], externalEnums: [] };

function parseArgs(argv) {
  const [command = "help", ...rest] = argv;
  const options = { command, name: undefined, createOnly: false, quiet: false };
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === "--name" || rest[i] === "-n") options.name = rest[++i];
    else if (rest[i] === "--create-only") options.createOnly = true;
    else if (rest[i] === "--quiet") options.quiet = true;
    else throw new Error(`unknown argument ${rest[i]}\n${USAGE}`);
  }
  return options;
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (!COMMANDS.includes(options.command)) {
    console.log(USAGE);
    process.exitCode = options.command === "help" ? 0 : 1;
    return;
  }
  const log = options.quiet ? () => {} : (line) => console.log(line);
  const url = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const kind = databaseKind(url);
  const target = TARGETS[kind];
  const migrationsDir = path.join(root, target.migrations);
  const schemaPath = path.join(root, target.schema);
  const schemaFiles = [{ path: schemaPath, content: fs.readFileSync(schemaPath, "utf8") }];

  if (options.command === "reset" && kind === "sqlite") {
    // engine.reset through the SQLite adapter leaves the tables; deleting the file is the reset.
    const file = path.resolve(url.replace(/^file:/, ""));
    for (const f of [file, `${file}-journal`, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }

  const SchemaEngine = await loadSchemaEngineClass();
  const { adapter, close } = await createAdapterFactory(kind, url);
  const engineLog = (line) => { if (process.env.MIGRATE_DEBUG) console.error("[schema-engine]", line); };
  const engine = await SchemaEngine.new({ datamodels: schemaFiles.map((f) => [f.path, f.content]) }, engineLog, adapter);
  log(`${kind}: ${redactUrl(url)} (schema ${target.schema}, migrations ${target.migrations})`);

  const applyPending = async () => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList: readMigrationsFolder(migrationsDir), filters });
    for (const name of appliedMigrationNames) log(`  applied ${name}`);
    return appliedMigrationNames;
  };
  const pendingDiff = () => {
    const migrations = readMigrationsFolder(migrationsDir);
    // Diffing "from migrations" needs migration_lock.toml; with no migrations yet, diff from empty.
    const from = migrations.migrationDirectories.length ? { tag: "migrations", ...migrations } : { tag: "empty" };
    return engine.diff({ from, to: { tag: "schemaDatamodel", files: schemaFiles }, script: true, exitCode: true, filters });
  };

  try {
    switch (options.command) {
      case "deploy": {
        const applied = await applyPending();
        log(applied.length ? `${applied.length} migration(s) applied.` : "No pending migrations.");
        break;
      }
      case "status": {
        const report = await engine.diagnoseMigrationHistory({
          migrationsList: readMigrationsFolder(migrationsDir), optInToShadowDatabase: false, filters,
        });
        console.log(JSON.stringify(report, null, 2));
        const unhealthy = !report.hasMigrationsTable || report.history || report.failedMigrationNames.length || report.editedMigrationNames.length;
        if (unhealthy) process.exitCode = 1;
        break;
      }
      case "reset": {
        if (kind === "postgres") await engine.reset({ filter: filters });
        log("  database reset");
        await applyPending();
        break;
      }
      case "diff": {
        const result = await pendingDiff();
        if (result.exitCode === 2) {
          console.log(result.stdout);
          console.error(`prisma/schema.prisma has changes with no ${kind} migration: run \`npm run db:migrate:dev -- --name <change>\``);
          process.exitCode = 2;
        } else {
          log("schema and migrations are in sync");
        }
        break;
      }
      case "dev": {
        if (!options.createOnly) await applyPending();
        const result = await pendingDiff();
        if (result.exitCode !== 2) {
          log("Schema and migrations are in sync; no new migration.");
          break;
        }
        const folder = writeMigration(migrationsDir, options.name, result.stdout, target.lockProvider);
        log(`  created ${path.join(target.migrations, folder)}/migration.sql`);
        if (!options.createOnly) await applyPending();
        break;
      }
    }
  } finally {
    engine.free?.();
    await close();
  }
}

main()
  .catch((error) => {
    console.error(`migrate: ${error?.code ? `${error.code} ` : ""}${error?.message ?? error}`);
    process.exitCode = 1;
  })
  // The wasm engine leaves a 10 s timer (the PostgreSQL advisory-lock timeout) pending: exit now.
  .finally(() => process.exit());
