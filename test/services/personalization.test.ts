// Optimistic concurrency in-process: concurrent feedback interleaves at every database call, so
// both updates read the same version and one must retry. Neither may be lost.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePreferences } from "../../ml/index.ts";
import { createModel, createUser, importDataset, personalValues, recordFeedback, runTrainingBurst, startTrainingJob, unlimitedBudget, type Db } from "../../services/index.ts";
import { ratingsCsv } from "../support/csv.ts";
import { connectTestDatabase } from "../support/database.ts";

let db: Db;
beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => { await db.$disconnect(); });

describe("recordFeedback under concurrency", () => {
  it("two updates racing on the same parameters both land", async () => {
    const data = generatePreferences({ users: 8, items: 12, ratingsPerUser: 6, seed: 9 });
    const { user } = await createUser(db, { displayName: "Racer", features: data.userFeatures[0], consent: { personalization: true } });
    const model = await createModel(db, user.id, { name: "r", task: "RECOMMENDATION", numFeatures: 4, itemFeatures: 4 });
    const csv = ratingsCsv(data);
    const dataset = await importDataset(db, user.id, { name: "r", kind: "RATINGS", numFeatures: 8, csv });
    const job = await startTrainingJob(db, user.id, model.id, dataset.id, { epochs: 2 });
    while ((await runTrainingBurst(db, job.id)).status === "RUNNING");

    const feedback = (k: number) => recordFeedback(db, user, model.id, { item: `i${k}`, itemFeatures: data.itemFeatures[k]!, signal: k ? 1 : -1 }, unlimitedBudget());
    await feedback(0); // parameters exist: version 1
    const [a, b] = await Promise.all([feedback(1), feedback(2)]);
    expect([a.updated!.version, b.updated!.version].sort()).toEqual([2, 3]);
    const stored = await db.userParameters.findFirstOrThrow({ where: { userId: user.id, modelId: model.id } });
    expect(stored.version).toBe(3);
    expect(personalValues(stored)).toHaveLength(4);
    expect(await db.interaction.count({ where: { userId: user.id } })).toBe(3);
  });
});
