// One entry point to the database for the whole app. DATABASE_URL picks the engine:
// file:... -> SQLite (embedded default), postgres(ql)://... -> PostgreSQL.
// Both generated clients have the same model API; the app is typed against the SQLite one.
// Each client is imported lazily so a bundle only loads (and compiles) the one it uses.
import type { PrismaClient as SqliteClient } from "../prisma/generated/sqlite/client.ts";

export type Db = SqliteClient;
export type DatabaseKind = "sqlite" | "postgres";

export function databaseKind(url: string): DatabaseKind {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

export interface ConnectOptions {
  /** Called with every SQL statement the client sends (tests count them to catch N+1 queries). */
  onQuery?: (sql: string) => void;
}

export async function connectDatabase(url: string, options: ConnectOptions = {}): Promise<Db> {
  const log = options.onQuery ? [{ emit: "event" as const, level: "query" as const }] : [];
  if (databaseKind(url) === "postgres") {
    const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
      import("../prisma/generated/postgres/client.ts"),
      import("@prisma/adapter-pg"),
    ]);
    const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }), log });
    if (options.onQuery) db.$on("query" as never, (event: { query: string }) => options.onQuery!(event.query));
    return db as unknown as Db;
  }
  const [{ PrismaClient }, { PrismaBetterSqlite3 }] = await Promise.all([
    import("../prisma/generated/sqlite/client.ts"),
    import("@prisma/adapter-better-sqlite3"),
  ]);
  // Wait up to 5 s for a lock instead of failing at once when another process writes.
  const db = new PrismaClient({ adapter: new PrismaBetterSqlite3({ url, timeout: 5_000 }), log });
  if (options.onQuery) db.$on("query" as never, (event: { query: string }) => options.onQuery!(event.query));
  // Write-ahead logging lets readers proceed while one connection writes (the dev server and
  // the tests share one file).
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  // In WAL mode, NORMAL syncs at checkpoints instead of every commit: still safe against a crashed
  // process, and it takes an fsync off every write request (PostgreSQL is the production database).
  await db.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  return db as unknown as Db;
}
