// Idempotent mutations. A client that retries a mutation (a timeout, a 503, a dropped connection)
// passes the same idempotency key, and the work is done once: the first call claims the key in
// the same transaction that does the work, so the claim and the work commit together or not at
// all; a concurrent retry blocks on the claim's unique (user, key) row until the first commits,
// then is retried by inTransaction and replays the first call's result. Keys are per user, live
// limits.idempotency.keepHours, and a key given again with other input is refused.
import { createHash } from "node:crypto";
import { limits } from "../config/index.ts";
import type { Db } from "./db.ts";
import { InvalidInputError } from "./errors.ts";
import type { Tx } from "./transactions.ts";

/**
 * A key as the caller gave it, where (for error messages: an argument path, or the header), and
 * its scope: the field's response key when one header key covers a request's mutation fields.
 */
export interface GivenKey {
  key: string;
  path: string[];
  scope?: string;
}

/** One idempotent call: its key, what it does, and how to find what it made. */
export interface IdempotentCall<T> {
  key: string;
  operation: string;
  /** SHA-256 of the operation's canonical input. */
  fingerprint: string;
  path: string[];
  /** The result of the first call, found again by the id it stored (null when deleted since). */
  replay: (tx: Db | Tx, resultId: string) => Promise<T | null>;
  /** The id of what a call made, stored with its key. */
  idOf: (result: T) => string;
}

const KEY = /^[\x21-\x7e]+$/;

/** The idempotent call for a mutation with this key and input, or null when no key was given. */
export function idempotentCall<T>(
  given: GivenKey | null,
  operation: string,
  input: unknown,
  replay: IdempotentCall<T>["replay"],
  idOf: IdempotentCall<T>["idOf"],
): IdempotentCall<T> | null {
  if (!given) return null;
  const { path } = given;
  const key = given.scope === undefined ? given.key : `${given.key}#${given.scope}`;
  if (given.key.length < 1 || given.key.length > limits.idempotency.keyMaxLength || !KEY.test(given.key)) {
    throw new InvalidInputError([{ path, message: `must be 1–${limits.idempotency.keyMaxLength} printable ASCII characters without spaces (a UUID is ideal)` }]);
  }
  const fingerprint = createHash("sha256").update(`${operation}\n${canonicalJson(input)}`).digest("hex");
  return { key, operation, fingerprint, path, replay, idOf };
}

/**
 * Outside a transaction, before any work or check: the first call's result when this key was
 * already used (so a retry is answered even when its checks would now fail), else null.
 */
export async function replayed<T>(db: Db, userId: string, call: IdempotentCall<T> | null): Promise<T | null> {
  if (!call) return null;
  return replayOf(await earlierUse(db, userId, call), call, db);
}

/**
 * Inside the work's transaction: replays an earlier call with this key, or claims the key, runs
 * `work` and stores what it made. Without a call, just runs `work`.
 */
export async function idempotently<T>(tx: Tx, userId: string, call: IdempotentCall<T> | null, work: () => Promise<T>): Promise<T> {
  if (!call) return work();
  const earlier = await earlierUse(tx, userId, call);
  const replay = await replayOf(earlier, call, tx);
  if (replay !== null) return replay;
  // An expired use frees the key (deleteMany: a concurrent call may have deleted it first).
  if (earlier) await tx.idempotentRequest.deleteMany({ where: { id: earlier.id } });
  // A concurrent call with the same key blocks here until this transaction ends, then fails on
  // the unique key (P2002), and inTransaction runs it again: it then replays this one.
  const claim = await tx.idempotentRequest.create({ data: { userId, key: call.key, operation: call.operation, fingerprint: call.fingerprint } });
  const result = await work();
  await tx.idempotentRequest.update({ where: { id: claim.id }, data: { resultId: call.idOf(result) } });
  return result;
}

/** The user's earlier use of this key, live or expired (expired ones are deleted by the cleanup). */
function earlierUse(tx: Db | Tx, userId: string, call: { key: string }) {
  return tx.idempotentRequest.findUnique({ where: { userId_key: { userId, key: call.key } } });
}

/** What a live earlier use made (refused when the input differs or it was deleted); null when there is none. */
async function replayOf<T>(earlier: Awaited<ReturnType<typeof earlierUse>>, call: IdempotentCall<T>, tx: Db | Tx): Promise<T | null> {
  if (!earlier || earlier.createdAt < expiredBefore()) return null;
  if (earlier.operation !== call.operation || earlier.fingerprint !== call.fingerprint) {
    const what = earlier.operation === call.operation ? `${call.operation} with other input` : earlier.operation;
    throw new InvalidInputError([{ path: call.path, message: `this key was already used for ${what}; use a new key for each distinct request (a retry repeats its input exactly)` }]);
  }
  const result = earlier.resultId === null ? null : await call.replay(tx, earlier.resultId);
  if (result === null) throw new InvalidInputError([{ path: call.path, message: `what the first ${call.operation} with this key made was deleted since; use a new key to do it again` }]);
  return result;
}

/** Deletes the keys older than keepHours; returns how many. */
export async function deleteExpiredIdempotencyKeys(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.idempotentRequest.deleteMany({ where: { createdAt: { lt: expiredBefore(now) } } });
  return count;
}

function expiredBefore(now = new Date()): Date {
  return new Date(now.getTime() - limits.idempotency.keepHours * 3_600_000);
}

/** JSON with object keys sorted at every level, so equal inputs give equal fingerprints. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
