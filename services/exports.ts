// Data export that scales: `startExport` queues a job, `runExport` writes everything stored about
// the user as JSON lines into the export store, a page of rows at a time (memory stays flat
// whatever the user stored), and a short-lived signed URL downloads the file. The lines are the
// stored records themselves (secrets excluded), so a client can re-create what it needs from them.
import { createHmac, timingSafeEqual } from "node:crypto";
import { limits } from "../config/index.ts";
import { decodeParams } from "../ml/index.ts";
import type { Db } from "./db.ts";
import { InvalidInputError, NotFoundError } from "./errors.ts";
import { internalFailure } from "./log.ts";
import type { ExportStore } from "./export-store.ts";
import { requireOwned } from "./ownership.ts";
import { inTransaction, lockRow, type Tx } from "./transactions.ts";

export type ExportJobRecord = Awaited<ReturnType<Db["exportJob"]["findUniqueOrThrow"]>>;

/** The file's first line names its format. */
export const EXPORT_FORMAT = { type: "superpose-export", version: 1 } as const;

/** An export still to finish; one started more than staleMinutes ago has lost its worker. */
const UNFINISHED = ["QUEUED", "RUNNING"];
const lostBefore = (now = new Date()) => new Date(now.getTime() - limits.export.staleMinutes * 60_000);
const isLost = (job: ExportJobRecord) => UNFINISHED.includes(job.status) && job.createdAt < lostBefore();

/**
 * Queues an export of everything the user stores, one at a time per user: checked and created
 * under the user's row lock, so racing requests cannot both start one.
 */
export async function startExport(db: Db, userId: string): Promise<ExportJobRecord> {
  return inTransaction(db, async (tx) => {
    await lockRow(tx, "User", userId);
    await failLostExports(tx, userId);
    const running = await tx.exportJob.count({ where: { userId, status: { in: UNFINISHED } } });
    if (running) throw new InvalidInputError([{ path: [], message: "an export of yours is already running: wait for it (exportJob)" }]);
    return tx.exportJob.create({ data: { userId } });
  });
}

export async function findOwnExport(db: Db, userId: string, id: string): Promise<ExportJobRecord> {
  const found = await db.exportJob.findUnique({ where: { id } });
  const job = requireOwned(found && { ...found, ownerId: found.userId }, userId, "ExportJob", id);
  // Polling a live export writes nothing; one that has lost its worker is settled as it is read.
  if (!isLost(job)) return job;
  await failLostExports(db, userId);
  return db.exportJob.findUniqueOrThrow({ where: { id } });
}

/**
 * Marks the user's exports that are still queued or running limits.export.staleMinutes after they
 * started as failed: their runner is gone (a lost invocation, a function stopped at its timeout),
 * and nothing else would ever end them. Idempotent.
 */
async function failLostExports(db: Db | Tx, userId: string, now = new Date()): Promise<void> {
  await db.exportJob.updateMany({
    where: { userId, status: { in: UNFINISHED }, createdAt: { lt: lostBefore(now) } },
    data: { status: "FAILED", finishedAt: now, error: `the export did not finish within ${limits.export.staleMinutes} minutes (its worker was lost); start another` },
  });
}

/**
 * Writes the export (QUEUED → RUNNING → SUCCEEDED or FAILED). Safe to call twice: only the call
 * that moves the job from QUEUED runs it.
 */
export async function runExport(db: Db, jobId: string, store: ExportStore): Promise<ExportJobRecord> {
  const claimed = await db.exportJob.updateMany({ where: { id: jobId, status: "QUEUED" }, data: { status: "RUNNING" } });
  if (claimed.count === 0) return db.exportJob.findUniqueOrThrow({ where: { id: jobId } });
  const job = await db.exportJob.findUniqueOrThrow({ where: { id: jobId } });
  const file = store.create(job.id);
  let rows = 0, bytes = 0;
  const emit = async (type: string, record: object) => {
    bytes += await file.write(`${JSON.stringify({ type, ...record })}\n`);
    rows++;
  };
  try {
    await emit(EXPORT_FORMAT.type, { version: EXPORT_FORMAT.version, exportedAt: new Date().toISOString() });
    await writeUserData(db, job.userId, emit);
    await file.close();
    return db.exportJob.update({ where: { id: jobId }, data: { status: "SUCCEEDED", rows, bytes, finishedAt: new Date() } });
  } catch (error) {
    await file.abort();
    const message = internalFailure(error, { exportJobId: jobId }, "the export stopped", "start another");
    return db.exportJob.update({ where: { id: jobId }, data: { status: "FAILED", rows, bytes, finishedAt: new Date(), error: message } });
  }
}

type Emit = (type: string, record: object) => Promise<void>;

/** Every record the user owns, a page at a time, in a fixed order (parents before children). */
async function writeUserData(db: Db, userId: string, emit: Emit): Promise<void> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  await emit("profile", user);
  for (const key of await db.apiKey.findMany({ where: { userId }, select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true } })) {
    await emit("apiKey", key); // never the hash
  }
  await pages((cursor) => db.circuit.findMany({ where: { ownerId: userId }, ...cursor }), (c) => emit("circuit", c));
  await pages((cursor) => db.model.findMany({ where: { ownerId: userId }, ...cursor }), async (model) => {
    await emit("model", model);
    for (const v of await db.modelVersion.findMany({ where: { modelId: model.id }, orderBy: { number: "asc" } })) {
      await emit("modelVersion", { ...v, params: Array.from(decodeParams(v.params)) });
    }
  });
  await pages((cursor) => db.dataset.findMany({ where: { ownerId: userId }, ...cursor }), async (dataset) => {
    await emit("dataset", dataset);
    await pages((cursor) => db.example.findMany({ where: { datasetId: dataset.id }, ...cursor }), (e) => emit("example", e));
  });
  await pages((cursor) => db.interaction.findMany({ where: { userId }, ...cursor }), (i) => emit("interaction", i));
  await pages((cursor) => db.trainingJob.findMany({ where: { ownerId: userId }, omit: { checkpoint: true }, ...cursor }), (j) => emit("trainingJob", j));
  await pages((cursor) => db.prediction.findMany({ where: { userId }, ...cursor }), (p) => emit("prediction", p));
  for (const p of await db.userParameters.findMany({ where: { userId } })) {
    await emit("personalParameters", { modelId: p.modelId, version: p.version, updatedAt: p.updatedAt, values: Array.from(decodeParams(p.params)) });
  }
}

/** Reads a table a page at a time by id (cursor pagination), handing each row on before the next page. */
async function pages<Row extends { id: string }>(
  read: (cursor: { orderBy: { id: "asc" }; take: number; cursor?: { id: string }; skip?: number }) => Promise<Row[]>,
  each: (row: Row) => Promise<void>,
): Promise<void> {
  let after: string | undefined;
  for (;;) {
    const page = await read({ orderBy: { id: "asc" }, take: limits.export.pageRows, ...(after ? { cursor: { id: after }, skip: 1 } : {}) });
    for (const row of page) await each(row);
    if (page.length < limits.export.pageRows) return;
    after = page.at(-1)!.id;
  }
}

/** A URL that downloads the export until `expiresAt` (an HMAC of the job id and the expiry). */
export function signedDownload(job: ExportJobRecord, baseUrl: string, secret: string, now = Date.now()): { url: string; expiresAt: Date } | null {
  if (job.status !== "SUCCEEDED") return null;
  const expires = Math.floor(now / 1_000) + limits.export.urlSeconds;
  const signature = sign(secret, job.id, expires);
  return { url: `${baseUrl}/exports/${job.id}?expires=${expires}&signature=${signature}`, expiresAt: new Date(expires * 1_000) };
}

/** Whether a download's signature is ours and unexpired; throws NotFoundError otherwise (no hint why). */
export function verifyDownload(jobId: string, expires: string | undefined, signature: string | undefined, secret: string, now = Date.now()): void {
  const at = Number(expires);
  const expected = Buffer.from(sign(secret, jobId, at));
  const given = Buffer.from(signature ?? "");
  const valid = Number.isInteger(at) && at * 1_000 > now && given.length === expected.length && timingSafeEqual(given, expected);
  if (!valid) throw new NotFoundError("Export", jobId);
}

function sign(secret: string, jobId: string, expires: number): string {
  return createHmac("sha256", secret).update(`${jobId}.${expires}`).digest("base64url");
}
