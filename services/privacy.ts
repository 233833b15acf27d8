// Deleting everything a user owns (exports are in exports.ts).
import type { Db } from "./db.ts";
import type { ExportStore } from "./export-store.ts";

/**
 * Deletes the user and everything they own, in one transaction (the schema cascades every
 * relation), then their export files.
 */
export async function deleteUserData(db: Db, userId: string, exports: ExportStore): Promise<void> {
  const files = await db.exportJob.findMany({ where: { userId }, select: { id: true } });
  await db.$transaction(async (tx) => {
    await tx.user.delete({ where: { id: userId } });
  });
  for (const { id } of files) await exports.remove(id);
}
