// Per-user quotas that hold under concurrency: what a user creates is counted and written in one
// transaction under the user's row lock, so concurrent creators queue and the quota holds exactly
// (on PostgreSQL too, where separate count-then-insert statements let 40 creators overshoot).
import { limits } from "../config/index.ts";
import type { Db } from "./db.ts";
import { QuotaExceededError } from "./errors.ts";
import { idempotently, type IdempotentCall } from "./idempotency.ts";
import { inTransaction, lockRow, type Tx } from "./transactions.ts";

/** The quotas, by the name errors and `me.usage` use. */
export const QUOTAS = {
  circuits: { limit: limits.circuit.maxPerUser, unit: "circuits" },
  circuitBytes: { limit: limits.circuit.maxBytesPerUser, unit: "bytes of OpenQASM" },
  models: { limit: limits.model.maxPerUser, unit: "models" },
  datasets: { limit: limits.dataset.maxPerUser, unit: "datasets" },
  modelVersions: { limit: limits.training.maxVersionsPerModel, unit: "versions of this model" },
  predictions: { limit: limits.prediction.maxStoredPerUser, unit: "stored predictions (predict with store: false, or deletePredictions)" },
  predictionBytes: { limit: limits.prediction.maxStoredBytesPerUser, unit: "bytes of stored predictions (predict with store: false, or deletePredictions)" },
  feedback: { limit: limits.inference.maxFeedbackPerUser, unit: "feedback signals (deleteFeedback frees room)" },
} as const;

export type QuotaName = keyof typeof QUOTAS;

/** The quotas counted per user (modelVersions is per model), as `me.usage` lists them. */
const USER_QUOTAS = ["circuits", "circuitBytes", "models", "datasets", "predictions", "predictionBytes", "feedback"] as const satisfies readonly QuotaName[];

/** The refusal for a quota that `adding` more would pass. */
export function quotaExceeded(name: QuotaName, used: number, adding = 1): QuotaExceededError {
  return new QuotaExceededError(name, used, adding, QUOTAS[name].limit, QUOTAS[name].unit);
}

/** Refuses when `used + adding` would pass the quota. */
export function checkQuota(name: QuotaName, used: number, adding = 1): void {
  if (used + adding > QUOTAS[name].limit) throw quotaExceeded(name, used, adding);
}

/**
 * Runs `create` under the owner's row lock, after `check` (which counts what they have) passes;
 * once per idempotency key when `call` has one. A shared object (no owner) has no quota.
 */
export function createUnderQuota<T>(db: Db, ownerId: string | null, check: (tx: Tx) => Promise<void>, create: (tx: Tx) => Promise<T>, call: IdempotentCall<T> | null = null): Promise<T> {
  return inTransaction(db, async (tx) => {
    if (ownerId === null) return create(tx);
    return idempotently(tx, ownerId, call, async () => {
      await lockRow(tx, "User", ownerId);
      await check(tx);
      return create(tx);
    });
  });
}

export interface QuotaUsage {
  quota: string;
  used: number;
  limit: number;
}

/** What the user has against every quota (for `me.usage`). */
export async function quotaUsage(db: Db, userId: string): Promise<QuotaUsage[]> {
  const [circuits, models, datasets, user] = await Promise.all([
    db.circuit.aggregate({ where: { ownerId: userId }, _count: { _all: true }, _sum: { sourceBytes: true } }),
    db.model.count({ where: { ownerId: userId } }),
    db.dataset.count({ where: { ownerId: userId } }),
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { storedPredictions: true, storedPredictionBytes: true, storedFeedback: true } }),
  ]);
  const used: Record<(typeof USER_QUOTAS)[number], number> = {
    circuits: circuits._count._all,
    circuitBytes: circuits._sum.sourceBytes ?? 0,
    models,
    datasets,
    predictions: user.storedPredictions,
    predictionBytes: user.storedPredictionBytes,
    feedback: user.storedFeedback,
  };
  return USER_QUOTAS.map((quota) => ({ quota, used: used[quota], limit: QUOTAS[quota].limit }));
}
