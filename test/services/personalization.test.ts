// Feedback and personalization against the real database (PostgreSQL in CI): 100 concurrent
// feedback signals of one user all land, each with its own parameter version; personalize reads
// the newest signals.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePreferences } from "../../ml/index.ts";
import { limits } from "../../config/index.ts";
import {
  createModel,
  deleteFeedback,
  QuotaExceededError,
  createUser,
  importDataset,
  personalize,
  personalValues,
  recordFeedback,
  RequestBudget,
  runTrainingBurst,
  startTrainingJob,
  unlimitedBudget,
  type Db,
} from "../../services/index.ts";
import { ratingsCsv } from "../support/csv.ts";
import { connectTestDatabase } from "../support/database.ts";

let db: Db;
const data = generatePreferences({ users: 8, items: 12, ratingsPerUser: 6, seed: 9 });

async function trainedRecommender(name: string) {
  const { user } = await createUser(db, { displayName: name, features: data.userFeatures[0], consent: { personalization: true } });
  const model = await createModel(db, user.id, { name: "r", task: "RECOMMENDATION", numFeatures: 4, itemFeatures: 4 });
  const dataset = await importDataset(db, user.id, { name: "r", kind: "RATINGS", numFeatures: 8, csv: ratingsCsv(data) });
  const job = await startTrainingJob(db, user.id, model.id, dataset.id, { epochs: 2 });
  while ((await runTrainingBurst(db, job.id)).status === "RUNNING");
  return { user, model };
}

beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => { await db.$disconnect(); });

describe("recordFeedback under concurrency", () => {
  it("100 concurrent signals of one user: 100 interactions, parameters at version 100, every version seen once", async () => {
    const { user, model } = await trainedRecommender("Racer");
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, k) => recordFeedback(db, user, model.id, { item: `i${k}`, itemFeatures: data.itemFeatures[k % 12]!, signal: k % 2 ? 1 : -1 }, unlimitedBudget())),
    );
    expect(results.map((r) => r.updated!.version).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, k) => k + 1));
    const stored = await db.userParameters.findFirstOrThrow({ where: { userId: user.id, modelId: model.id } });
    expect(stored.version).toBe(100);
    expect(personalValues(stored)).toHaveLength(4);
    expect(await db.interaction.count({ where: { userId: user.id } })).toBe(100);
  });
});

describe("personalize", () => {
  it("fine-tunes on the newest signals: a new signal changes the result even past the window", async () => {
    const { user, model } = await trainedRecommender("Newest first");
    const old = Array.from({ length: 30 }, (_, k) => ({ userId: user.id, modelId: model.id, item: `old-${k}`, itemFeatures: data.itemFeatures[k % 12]!, signal: 1, createdAt: new Date(Date.UTC(2026, 0, 1, 0, k)) }));
    await db.interaction.createMany({ data: old });
    // A budget that pays for about 20 signals: the window is the newest 20 of 30.
    const perSignal = 40 * 4 * (await import("../../services/predictions.ts").then(async (m) => m.circuitWork((await m.modelToServe(db, user.id, model.id)).loaded.model)));
    const budget = () => new RequestBudget(perSignal * 20.5);
    const first = await personalize(db, user, model.id, budget());
    await db.interaction.create({ data: { userId: user.id, modelId: model.id, item: "new", itemFeatures: data.itemFeatures[3]!, signal: -1, createdAt: new Date(Date.UTC(2026, 0, 2)) } });
    const second = await personalize(db, user, model.id, budget());
    expect(personalValues(second)).not.toEqual(personalValues(first)); // reading the oldest 20 would give the same answer twice
    expect(second.version).toBe(first.version + 1);
  });
});

describe("the feedback quota", () => {
  it(`holds under 20 concurrent signals at its edge (${limits.inference.maxFeedbackPerUser}); deleteFeedback frees room`, async () => {
    const { user, model } = await trainedRecommender("Chatty");
    await db.user.update({ where: { id: user.id }, data: { storedFeedback: limits.inference.maxFeedbackPerUser - 5 } }); // as if it had said that much
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, k) => recordFeedback(db, user, model.id, { item: `q${k}`, itemFeatures: data.itemFeatures[k % 12]!, signal: 1 }, unlimitedBudget())),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused.every((r) => r.reason instanceof QuotaExceededError && r.reason.quota === "feedback")).toBe(true);
    expect(await db.interaction.count({ where: { userId: user.id } })).toBe(5);
    expect(await deleteFeedback(db, user.id, model.id)).toBe(5);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).storedFeedback).toBe(0); // recounted from what is stored
  });
});
