// Export jobs against the real database (SQLite, or PostgreSQL with TEST_POSTGRES_URL): one at a
// time per user even when the requests race (nothing here runs the job, so only the check decides).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../config/index.ts";
import { createUser, findOwnExport, InvalidInputError, startExport, type Db } from "../../services/index.ts";
import { connectTestDatabase } from "../support/database.ts";

let db: Db;
beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => { await db.$disconnect(); });

describe("startExport", () => {
  it("twelve concurrent starts queue exactly one job; the others are told one is running", async () => {
    const { user } = await createUser(db, { displayName: "Racing exporter" });
    const results = await Promise.allSettled(Array.from({ length: 12 }, () => startExport(db, user.id)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason);
    expect(refused).toHaveLength(11);
    for (const error of refused) {
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as InvalidInputError).message).toContain("already running");
    }
    expect(await db.exportJob.count({ where: { userId: user.id } })).toBe(1);
  });

  it(`an export still running ${limits.export.staleMinutes} minutes after it started lost its worker: it is failed, and no longer blocks the next`, async () => {
    const { user } = await createUser(db, { displayName: "Lost exporter" });
    const lost = await startExport(db, user.id);
    await db.exportJob.update({ where: { id: lost.id }, data: { status: "RUNNING", createdAt: new Date(Date.now() - (limits.export.staleMinutes - 1) * 60_000) } });
    // A minute younger than the limit: still running, still one at a time.
    await expect(startExport(db, user.id)).rejects.toThrow(/already running/);
    await db.exportJob.update({ where: { id: lost.id }, data: { createdAt: new Date(Date.now() - (limits.export.staleMinutes + 1) * 60_000) } });
    expect(await findOwnExport(db, user.id, lost.id)).toMatchObject({ status: "FAILED", error: expect.stringMatching(/did not finish within 15 minutes .* start another/) });
    const next = await startExport(db, user.id);
    expect(next.status).toBe("QUEUED");
  });
});
