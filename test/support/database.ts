// A real database connection for service tests: the one the global setup migrated.
import pg from "pg";
import { inject } from "vitest";
import { connectDatabase, type Db } from "../../services/index.ts";

export function testDatabaseUrl(): string {
  return inject("databaseUrl");
}

export async function connectTestDatabase(): Promise<Db> {
  return connectDatabase(testDatabaseUrl());
}

export interface TestRole {
  /** The test database's URL, logging in as this role. */
  url: string;
  /** Sets the role's CONNECTION LIMIT (-1: none); PostgreSQL refuses past it as at max_connections (53300). */
  limit(connections: number): Promise<void>;
  /** Drops the role and its grants. */
  drop(): Promise<void>;
}

/**
 * A login role of its own on the PostgreSQL test database, with the app's rights on the public
 * schema and no superuser (a superuser would ignore its connection limit). One left by an
 * interrupted run is dropped first.
 */
export async function createTestRole(name: string, connectionLimit = -1): Promise<TestRole> {
  const admin = new pg.Client({ connectionString: testDatabaseUrl() });
  await admin.connect();
  const drop = async () => {
    if (!(await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [name])).rowCount) return;
    await admin.query(`DROP OWNED BY "${name}"`); // its grants
    await admin.query(`DROP ROLE "${name}"`);
  };
  await drop();
  await admin.query(`CREATE ROLE "${name}" LOGIN CONNECTION LIMIT ${connectionLimit}`);
  await admin.query(`GRANT USAGE ON SCHEMA public TO "${name}"`);
  await admin.query(`GRANT ALL ON ALL TABLES IN SCHEMA public TO "${name}"`);
  return {
    url: Object.assign(new URL(testDatabaseUrl()), { username: name, password: "" }).toString(),
    limit: async (connections) => { await admin.query(`ALTER ROLE "${name}" CONNECTION LIMIT ${connections}`); },
    drop: async () => {
      await drop();
      await admin.end();
    },
  };
}
