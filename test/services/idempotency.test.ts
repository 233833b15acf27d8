// Idempotency keys against the real database: remembered for keepHours, then free again, and
// deleted by the cleanup (SQLite, or PostgreSQL with TEST_POSTGRES_URL).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../config/index.ts";
import { applyRetention, createUser, folderExportStore, importDataset, type Db } from "../../services/index.ts";
import { connectTestDatabase } from "../support/database.ts";

const CSV = "a,b,label\n0.1,0.2,yes\n0.3,0.4,no";
const input = { name: "tiny", kind: "CLASSIFICATION" as const, numFeatures: 2, classes: ["yes", "no"], csv: CSV };
const key = (k: string) => ({ key: k, path: ["input", "idempotencyKey"] });
let db: Db;
beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => { await db.$disconnect(); });

/** Moves the user's key back in time, past (or just inside) the keep window. */
async function age(userId: string, k: string, hours: number): Promise<void> {
  await db.idempotentRequest.update({ where: { userId_key: { userId, key: k } }, data: { createdAt: new Date(Date.now() - hours * 3_600_000) } });
}

describe(`idempotency keys (kept ${limits.idempotency.keepHours} h)`, () => {
  it("a key just inside the window still replays; one just past it does the work again", async () => {
    const { user } = await createUser(db, { displayName: "Keeper" });
    const first = await importDataset(db, user.id, input, key("k"));
    await age(user.id, "k", limits.idempotency.keepHours - 0.01);
    expect((await importDataset(db, user.id, input, key("k"))).id).toBe(first.id);
    await age(user.id, "k", limits.idempotency.keepHours + 0.01);
    const again = await importDataset(db, user.id, input, key("k"));
    expect(again.id).not.toBe(first.id);
    expect(await db.dataset.count({ where: { ownerId: user.id } })).toBe(2);
    // The key now names the second dataset.
    expect((await importDataset(db, user.id, input, key("k"))).id).toBe(again.id);
  });

  it("the cleanup deletes expired keys and keeps the others", async () => {
    const { user } = await createUser(db, { displayName: "Cleaned" });
    await importDataset(db, user.id, input, key("old"));
    await importDataset(db, user.id, input, key("new"));
    await age(user.id, "old", limits.idempotency.keepHours + 1);
    const result = await applyRetention(db, folderExportStore(fs.mkdtempSync(path.join(os.tmpdir(), "superpose-cleanup-"))));
    expect(result.deletedIdempotencyKeys).toBeGreaterThanOrEqual(1);
    expect((await db.idempotentRequest.findMany({ where: { userId: user.id } })).map((r) => r.key)).toEqual(["new"]);
  });
});
