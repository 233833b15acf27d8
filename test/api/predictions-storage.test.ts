// Stored predictions over HTTP: store: false writes nothing, the per-user quota holds under
// concurrent predictions (PostgreSQL in CI) with a typed QuotaError, me.usage reports it,
// deletePredictions frees room, and the scheduled cleanup applies the retention period.
import { decodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../config/index.ts";
import { handler as cleanup } from "../../functions/cleanup.ts";
import { ensureBaseModels, type Db } from "../../services/index.ts";
import { connectTestDatabase, testDatabaseUrl } from "../support/database.ts";
import { graphql, signUp } from "../support/graphql.ts";

let db: Db;
let iris: string;
beforeAll(async () => {
  db = await connectTestDatabase();
  const base = (await ensureBaseModels(db)).find((m) => m.task === "CLASSIFICATION")!;
  iris = Buffer.from(`Model:${base.id}`).toString("base64");
});
afterAll(async () => { await db.$disconnect(); });

const PREDICT = `mutation ($m: ID!, $store: Boolean) { predict(modelId: $m, features: [5.1, 3.5, 1.4, 0.2], options: { store: $store }) {
  __typename ... on Prediction { id label stored modelVersion { number } } ... on QuotaError { quota used adding limit message } } }`;
const USAGE = `{ me { usage { quota used limit } predictions(first: 1) { totalCount } } }`;

describe("stored predictions", () => {
  it("store: false answers in full and writes nothing; its id names nothing", async () => {
    const user = await signUp("No history");
    const { body } = await graphql(PREDICT, { m: iris, store: false }, { apiKey: user.apiKey });
    expect(body.data!.predict).toMatchObject({ __typename: "Prediction", label: "setosa", stored: false, modelVersion: { number: 1 } });
    const node = await graphql(`query ($id: ID!) { node(id: $id) { id } }`, { id: body.data!.predict.id }, { apiKey: user.apiKey });
    expect(node.body.data!.node).toBeNull();
    const usage = (await graphql(USAGE, {}, { apiKey: user.apiKey })).body.data!.me;
    expect(usage.predictions.totalCount).toBe(0);
    expect(usage.usage.find((u: { quota: string }) => u.quota === "predictions")).toEqual({ quota: "predictions", used: 0, limit: limits.prediction.maxStoredPerUser });
  });

  it("the quota holds under 40 concurrent predictions at its edge; deletePredictions frees room", async () => {
    const user = await signUp("Predictor");
    const userId = decodeGlobalID(user.id).id;
    await db.user.update({ where: { id: userId }, data: { storedPredictions: limits.prediction.maxStoredPerUser - 10 } }); // as if it had predicted that much
    const results = await Promise.all(Array.from({ length: 40 }, () => graphql(PREDICT, { m: iris }, { apiKey: user.apiKey })));
    const kinds = results.map((r) => r.body.data!.predict.__typename);
    expect(kinds.filter((k) => k === "Prediction")).toHaveLength(10);
    const refused = results.map((r) => r.body.data!.predict).filter((p) => p.__typename === "QuotaError");
    expect(refused).toHaveLength(30);
    expect(refused[0]).toMatchObject({ quota: "predictions", used: limits.prediction.maxStoredPerUser, adding: 1, limit: limits.prediction.maxStoredPerUser });
    expect(refused[0].message).toContain("store: false");
    expect(await db.prediction.count({ where: { userId } })).toBe(10);

    const deleted = await graphql(`mutation { deletePredictions { ... on DeletePredictionsPayload { deleted } } }`, {}, { apiKey: user.apiKey });
    expect(deleted.body.data!.deletePredictions.deleted).toBe(10);
    const usage = (await graphql(USAGE, {}, { apiKey: user.apiKey })).body.data!.me.usage;
    expect(usage.find((u: { quota: string }) => u.quota === "predictions").used).toBe(0); // recounted from what is stored
    expect(usage.find((u: { quota: string }) => u.quota === "predictionBytes").used).toBe(0);
    expect((await graphql(PREDICT, { m: iris }, { apiKey: user.apiKey })).body.data!.predict.stored).toBe(true);
  });

  it(`the scheduled cleanup deletes predictions older than ${limits.prediction.retentionDays} days and recounts`, async () => {
    const user = await signUp("Old predictions");
    const userId = decodeGlobalID(user.id).id;
    for (let i = 0; i < 3; i++) await graphql(PREDICT, { m: iris }, { apiKey: user.apiKey });
    const [oldest] = await db.prediction.findMany({ where: { userId }, orderBy: { createdAt: "asc" }, take: 1 });
    await db.prediction.update({ where: { id: oldest!.id }, data: { createdAt: new Date(Date.now() - (limits.prediction.retentionDays + 1) * 86_400_000) } });
    process.env.DATABASE_URL = testDatabaseUrl();
    const result = await cleanup();
    expect(result.deletedPredictions).toBeGreaterThanOrEqual(1);
    expect(await db.prediction.count({ where: { userId } })).toBe(2);
    const after = await db.user.findUniqueOrThrow({ where: { id: userId } });
    expect(after.storedPredictions).toBe(2);
    expect(after.storedPredictionBytes).toBe((await db.prediction.aggregate({ where: { userId }, _sum: { bytes: true } }))._sum.bytes);
  });
});
