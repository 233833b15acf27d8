// What stored predictions may cost: a per-user quota in rows and bytes, reserved atomically before
// each insert (one conditional UPDATE of the user's counters, the same SQL on both databases, so
// concurrent predictions cannot pass it), a retention period enforced by the scheduled cleanup,
// and deletion on request. Counters are recounted exactly whenever predictions are deleted.
import { deleteExpiredIdempotencyKeys } from "./idempotency.ts";
import { sqltag } from "@prisma/client/runtime/client";
import { limits } from "../config/index.ts";
import type { Db } from "./db.ts";
import { checkQuota, QUOTAS, quotaExceeded } from "./quotas.ts";
import type { ExportStore } from "./export-store.ts";

/** Reserves room for `count` predictions of `bytes` bytes, or throws QuotaExceededError naming the quota. */
export async function reservePredictionStorage(db: Db, userId: string, count: number, bytes: number): Promise<void> {
  const reserved = await db.$executeRaw(sqltag`
    UPDATE "User" SET "storedPredictions" = "storedPredictions" + ${count}, "storedPredictionBytes" = "storedPredictionBytes" + ${bytes}
    WHERE "id" = ${userId} AND "storedPredictions" + ${count} <= ${QUOTAS.predictions.limit} AND "storedPredictionBytes" + ${bytes} <= ${QUOTAS.predictionBytes.limit}`);
  if (reserved === 1) return;
  const usage = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { storedPredictions: true, storedPredictionBytes: true } });
  checkQuota("predictions", usage.storedPredictions, count);
  throw quotaExceeded("predictionBytes", usage.storedPredictionBytes, bytes);
}

/** Gives back a reservation whose insert did not happen. */
export async function releasePredictionStorage(db: Db, userId: string, count: number, bytes: number): Promise<void> {
  await db.$executeRaw(sqltag`
    UPDATE "User" SET "storedPredictions" = "storedPredictions" - ${count}, "storedPredictionBytes" = "storedPredictionBytes" - ${bytes}
    WHERE "id" = ${userId}`);
}

/** Sets the stored-rows counters (predictions, their bytes, feedback) to what is stored: for one user, or for every user who has any. */
export async function recountStoredRows(db: Pick<Db, "$executeRaw">, userId: string | null = null): Promise<void> {
  const which = userId === null ? sqltag`"storedPredictions" > 0 OR "storedPredictionBytes" > 0 OR "storedFeedback" > 0` : sqltag`"id" = ${userId}`;
  await db.$executeRaw(sqltag`
    UPDATE "User" SET
      "storedPredictions" = (SELECT COUNT(*) FROM "Prediction" p WHERE p."userId" = "User"."id"),
      "storedPredictionBytes" = (SELECT COALESCE(SUM(p."bytes"), 0) FROM "Prediction" p WHERE p."userId" = "User"."id"),
      "storedFeedback" = (SELECT COUNT(*) FROM "Interaction" i WHERE i."userId" = "User"."id")
    WHERE ${which}`);
}

/** Reserves room for one more feedback signal (inside the signal's transaction), or throws QuotaExceededError. */
export async function reserveFeedback(tx: Pick<Db, "$executeRaw" | "user">, userId: string): Promise<void> {
  const reserved = await tx.$executeRaw(sqltag`UPDATE "User" SET "storedFeedback" = "storedFeedback" + 1 WHERE "id" = ${userId} AND "storedFeedback" + 1 <= ${QUOTAS.feedback.limit}`);
  if (reserved === 1) return;
  const { storedFeedback } = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { storedFeedback: true } });
  throw quotaExceeded("feedback", storedFeedback);
}

/** Deletes the user's stored predictions made before `before` (all of them when null); returns how many. */
export async function deletePredictions(db: Db, userId: string, before: Date | null): Promise<number> {
  const deleted = await deletePredictionsInBatches(db, { userId, ...(before ? { createdAt: { lt: before } } : {}) });
  await recountStoredRows(db, userId);
  return deleted;
}

/** Deletes the predictions `where` names, cleanupBatch rows per statement (each statement stays short). */
async function deletePredictionsInBatches(db: Db, where: { userId?: string; createdAt?: { lt: Date } }): Promise<number> {
  let deleted = 0;
  for (;;) {
    const batch = await db.prediction.findMany({ where, select: { id: true }, take: limits.prediction.cleanupBatch });
    if (batch.length === 0) return deleted;
    deleted += (await db.prediction.deleteMany({ where: { id: { in: batch.map((p) => p.id) } } })).count;
  }
}

/**
 * The retention period: deletes every stored prediction older than retentionDays, a batch at a
 * time, then recounts the counters. Run by the scheduled `cleanup` function (and `npm run db:cleanup`).
 */
export async function applyRetention(
  db: Db,
  exports: ExportStore,
  now = new Date(),
): Promise<{ deletedPredictions: number; deletedRateLimitWindows: number; deletedExports: number; deletedTrainingJobs: number; deletedIdempotencyKeys: number }> {
  const deletedPredictions = await deletePredictionsInBatches(db, { createdAt: { lt: new Date(now.getTime() - limits.prediction.retentionDays * 86_400_000) } });
  await recountStoredRows(db);
  const deletedRateLimitWindows = (await db.rateLimit.deleteMany({ where: { expire: { lt: now } } })).count;
  // Ended training jobs go after endedJobsKeepDays (the versions they made stay).
  const jobsBefore = new Date(now.getTime() - limits.training.endedJobsKeepDays * 86_400_000);
  const deletedTrainingJobs = (await db.trainingJob.deleteMany({ where: { status: { in: ["SUCCEEDED", "FAILED", "CANCELLED"] }, updatedAt: { lt: jobsBefore } } })).count;
  // Exports are kept keepDays: their files, then their jobs.
  const oldExports = await db.exportJob.findMany({ where: { createdAt: { lt: new Date(now.getTime() - limits.export.keepDays * 86_400_000) } }, select: { id: true } });
  for (const { id } of oldExports) await exports.remove(id);
  await db.exportJob.deleteMany({ where: { id: { in: oldExports.map((e) => e.id) } } });
  const deletedIdempotencyKeys = await deleteExpiredIdempotencyKeys(db, now);
  return { deletedPredictions, deletedRateLimitWindows, deletedExports: oldExports.length, deletedTrainingJobs, deletedIdempotencyKeys };
}
