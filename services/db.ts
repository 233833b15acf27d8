// One entry point to the database for the whole app. DATABASE_URL picks the engine:
// file:... -> SQLite (embedded default), postgres(ql)://... -> PostgreSQL.
// Both generated clients have the same model API; the app is typed against the SQLite one.
// Each client is imported lazily so a bundle only loads (and compiles) the one it uses.
import type { PrismaClient as SqliteClient } from "../prisma/generated/sqlite/client.ts";
import { limits, type DatabasePool } from "../config/index.ts";

export type Db = SqliteClient;
export type DatabaseKind = "sqlite" | "postgres";

export function databaseKind(url: string): DatabaseKind {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

export interface ConnectOptions {
  /** Called with every SQL statement the client sends (tests count them to catch N+1 queries). */
  onQuery?: (sql: string) => void;
  /** PostgreSQL only: this process's connection pool (default: limits.database). */
  pool?: Partial<DatabasePool>;
}

export async function connectDatabase(url: string, options: ConnectOptions = {}): Promise<Db> {
  const log = options.onQuery ? [{ emit: "event" as const, level: "query" as const }] : [];
  if (databaseKind(url) === "postgres") {
    const [{ PrismaClient }, { PrismaPg }] = await Promise.all([
      import("../prisma/generated/postgres/client.ts"),
      import("@prisma/adapter-pg"),
    ]);
    const pool = { max: limits.database.poolSize, idleTimeoutMs: limits.database.idleTimeoutMs, connectTimeoutMs: limits.database.connectTimeoutMs, ...options.pool };
    const adapter = new PrismaPg({
      connectionString: url,
      max: pool.max,
      idleTimeoutMillis: pool.idleTimeoutMs,
      // Bounds both the wait for a free slot in the pool and the server's answer to a new connection.
      connectionTimeoutMillis: pool.connectTimeoutMs,
    });
    const db = new PrismaClient({ adapter, log });
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

/** Driver-level kinds (Prisma's driver adapters) that mean "no connection now", not "bad query". */
const UNAVAILABLE_KINDS = new Set(["TooManyConnections", "DatabaseNotReachable", "ConnectionClosed", "SocketTimeout"]);
/** Prisma codes of the same: unreachable, timed out, closed, pool timeout, too many connections. */
const UNAVAILABLE_CODES = new Set(["P1001", "P1002", "P1017", "P2024", "P2037"]);
/** PostgreSQL SQLSTATEs of the same: too many connections, shutting down, starting up. */
const UNAVAILABLE_SQLSTATES = new Set(["53300", "57P01", "57P02", "57P03"]);

/**
 * Whether an error means the database has no connection for us right now (full, unreachable,
 * restarting, or the pool's wait ran out): the request did nothing and may be retried later.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } }; cause?: { kind?: string; originalCode?: string }; message?: unknown };
  if (typeof e !== "object" || e === null) return false;
  if (typeof e.code === "string" && (UNAVAILABLE_CODES.has(e.code) || UNAVAILABLE_SQLSTATES.has(e.code))) return true;
  const cause = e.meta?.driverAdapterError?.cause ?? e.cause;
  if (cause && (UNAVAILABLE_KINDS.has(cause.kind ?? "") || UNAVAILABLE_SQLSTATES.has(cause.originalCode ?? ""))) return true;
  // node-postgres's own pool: no free connection within connectionTimeoutMillis.
  return typeof e.message === "string" && /^(timeout exceeded when trying to connect|Connection terminated due to connection timeout)/.test(e.message);
}
