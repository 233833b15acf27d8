// One way to run a read-modify-write: a transaction whose first statement takes a row lock
// (an UPDATE of the row being changed: PostgreSQL locks the row, SQLite takes its write lock), so
// concurrent writers queue instead of losing updates; retried with jittered back-off when the
// database reports a conflict (a unique key two creators raced for, a write conflict, a busy file).
import { raw, sqltag } from "@prisma/client/runtime/client";
import type { Prisma } from "../prisma/generated/sqlite/client.ts";
import type { Db } from "./db.ts";

export type Tx = Prisma.TransactionClient;

/** Tables whose rows serve as locks. */
export type LockableTable = "User" | "Model" | "Dataset" | "UserParameters" | "TrainingJob";

/**
 * Takes the write lock on one row for the rest of the transaction with a no-op UPDATE (the same
 * SQL on both databases; PostgreSQL locks the row, SQLite the database) without touching any
 * column, so no `updatedAt` moves. Returns whether the row exists.
 */
export async function lockRow(tx: Tx, table: LockableTable, id: string): Promise<boolean> {
  const updated = await tx.$executeRaw(sqltag`UPDATE ${raw(`"${table}"`)} SET "id" = "id" WHERE "id" = ${id}`);
  return updated > 0;
}

/** Attempts before a conflict is reported as an error. */
const MAX_ATTEMPTS = 8;
/** Generous: under 100 concurrent writers a transaction may wait for the pool and for the lock. */
const TRANSACTION_OPTIONS = { maxWait: 20_000, timeout: 20_000 } as const;

export async function inTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.$transaction(work, TRANSACTION_OPTIONS);
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      await sleep(backoffMs(attempt));
    }
  }
}

/** Unique-key races (P2002), write conflicts and deadlocks (P2034), a locked SQLite file. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: string }).code;
  if (code === "P2002" || code === "P2034") return true;
  const message = error instanceof Error ? error.message : "";
  return /SQLITE_BUSY|database is locked|deadlock detected|could not serialize/i.test(message);
}

/** Exponential back-off with full jitter: 0–(10·2^attempt) ms, at most 1 s. */
function backoffMs(attempt: number): number {
  return Math.random() * Math.min(1_000, 10 * 2 ** attempt);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
