// Per-user quotas over HTTP: concurrent creators stop exactly at the quota with a typed QuotaError
// naming it (PostgreSQL in CI), and datasets can be deleted (not while a job trains on them).
import { decodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../config/index.ts";
import type { Db } from "../../services/index.ts";
import { irisCsv } from "../support/csv.ts";
import { connectTestDatabase } from "../support/database.ts";
import { graphql, signUp } from "../support/graphql.ts";

let db: Db;
beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => { await db.$disconnect(); });

const CREATE_MODEL = `mutation ($n: String!) { createModel(input: { name: $n, task: REGRESSION, numFeatures: 2 }) {
  __typename ... on QuotaError { code quota used adding limit message } } }`;

describe("quotas", () => {
  it(`models: 30 concurrent creators at the edge of ${limits.model.maxPerUser}: exactly the quota, the rest a QuotaError`, async () => {
    const user = await signUp("Model hoarder");
    const ownerId = decodeGlobalID(user.id).id;
    await db.model.createMany({ data: Array.from({ length: limits.model.maxPerUser - 5 }, (_, i) => ({ ownerId, name: `m${i}`, task: "REGRESSION", blueprint: {} })) });
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => graphql(CREATE_MODEL, { n: `racer ${i}` }, { apiKey: user.apiKey })));
    const kinds = results.map((r) => r.body.data!.createModel.__typename);
    expect(kinds.filter((k) => k === "CreateModelPayload")).toHaveLength(5);
    const refused = results.map((r) => r.body.data!.createModel).filter((r) => r.__typename === "QuotaError");
    expect(refused).toHaveLength(25);
    expect(refused[0]).toMatchObject({ code: "QUOTA_EXCEEDED", quota: "models", used: limits.model.maxPerUser, adding: 1, limit: limits.model.maxPerUser });
    expect(await db.model.count({ where: { ownerId } })).toBe(limits.model.maxPerUser);
  });

  it("datasets can be deleted with their examples; not another user's; not while a job trains on them", async () => {
    const [alice, bob] = [await signUp("Alice (datasets)"), await signUp("Bob (datasets)")];
    const IMPORT = `mutation ($csv: String!) { importDataset(input: { name: "iris", kind: CLASSIFICATION, numFeatures: 4, classes: ["setosa", "versicolor", "virginica"], csv: $csv }) { ... on DatasetPayload { dataset { id } } } }`;
    const DELETE = `mutation ($id: ID!) { deleteDataset(id: $id) { __typename ... on DeleteDatasetPayload { deletedId } ... on ValidationError { issues { message } } } }`;
    const id = (await graphql(IMPORT, { csv: irisCsv() }, { apiKey: alice.apiKey })).body.data!.importDataset.dataset.id as string;
    expect((await graphql(DELETE, { id }, { apiKey: bob.apiKey })).body.data!.deleteDataset.__typename).toBe("NotFoundError");

    const model = (await graphql(`mutation { createModel(input: { name: "m", task: CLASSIFICATION, numFeatures: 4, classes: ["setosa", "versicolor", "virginica"] }) { ... on CreateModelPayload { model { id } } } }`, {}, { apiKey: alice.apiKey })).body.data!.createModel.model.id;
    const job = (await graphql(`mutation ($m: ID!, $d: ID!) { startTraining(modelId: $m, datasetId: $d, hyperparameters: { epochs: 50 }) { ... on TrainingJobPayload { job { id } } } }`, { m: model, d: id }, { apiKey: alice.apiKey })).body.data!.startTraining.job.id;
    const busy = await graphql(DELETE, { id }, { apiKey: alice.apiKey });
    expect(busy.body.data!.deleteDataset.issues[0].message).toContain("a training job is using this dataset");
    await graphql(`mutation ($id: ID!) { cancelTraining(id: $id) { __typename } }`, { id: job }, { apiKey: alice.apiKey });

    expect((await graphql(DELETE, { id }, { apiKey: alice.apiKey })).body.data!.deleteDataset).toEqual({ __typename: "DeleteDatasetPayload", deletedId: id });
    expect(await db.example.count({ where: { datasetId: decodeGlobalID(id).id } })).toBe(0);
    expect((await graphql(DELETE, { id }, { apiKey: alice.apiKey })).body.data!.deleteDataset.__typename).toBe("NotFoundError");
  });
});
