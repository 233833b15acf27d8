// The caller's own data: everything stored about them, exported as JSON; and deleting it all.
import type { Db } from "./db.ts";
import { decodeParams } from "../ml/index.ts";

/** Everything Superpose stores about a user, as plain JSON (secrets excluded: key hashes are never exported). */
export async function exportUserData(db: Db, userId: string): Promise<Record<string, unknown>> {
  const user = await db.user.findUniqueOrThrow({
    where: { id: userId },
    include: {
      apiKeys: { select: { name: true, prefix: true, createdAt: true, lastUsedAt: true, expiresAt: true, revokedAt: true } },
      circuits: true,
      models: { include: { versions: { select: { number: true, metrics: true, seed: true, createdAt: true } } } },
      datasets: { include: { examples: { select: { features: true, label: true, createdAt: true } } } },
      interactions: true,
      trainingJobs: { omit: { checkpoint: true } },
      predictions: true,
      parameters: true,
    },
  });
  const { parameters, ...rest } = user;
  return {
    exportedAt: new Date().toISOString(),
    ...rest,
    parameters: parameters.map((p) => ({ modelId: p.modelId, version: p.version, updatedAt: p.updatedAt, values: Array.from(decodeParams(p.params)) })),
  } as Record<string, unknown>;
}

/** Deletes the user and everything they own, in one transaction (the schema cascades every relation). */
export async function deleteUserData(db: Db, userId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.user.delete({ where: { id: userId } });
  });
}
