// Migration drift: a change to prisma/schema.prisma without a migration (for the database under
// test) fails here, as does a stale derived PostgreSQL schema.
import { execFileSync, spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../support/database.ts";

const root = path.resolve(import.meta.dirname, "../..");

describe("prisma migrations", () => {
  it("prisma/postgres/schema.prisma is derived from prisma/schema.prisma", () => {
    expect(() => execFileSync(process.execPath, ["scripts/sync-schema.mjs", "--check"], { cwd: root, stdio: "pipe" })).not.toThrow();
  });

  it("every schema change has a migration for the database under test", () => {
    const run = spawnSync(process.execPath, ["scripts/migrate.mjs", "diff"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: testDatabaseUrl() },
      encoding: "utf8",
    });
    expect(run.stderr + run.stdout).toContain("schema and migrations are in sync");
    expect(run.status).toBe(0);
  });

  it("the migration history applied to the test database is complete and unedited", () => {
    const run = spawnSync(process.execPath, ["scripts/migrate.mjs", "status"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: testDatabaseUrl() },
      encoding: "utf8",
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const report = JSON.parse(run.stdout.slice(run.stdout.indexOf("{")));
    expect(report.failedMigrationNames).toEqual([]);
    expect(report.editedMigrationNames).toEqual([]);
  });
});
