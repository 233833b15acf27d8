// Retried mutations do their work once: the same idempotency key (an argument, an input field or
// the Idempotency-Key header), replayed concurrently, answers every retry with what the first call
// made and writes it once; the same key with other input is refused and changes nothing.
import { encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../config/index.ts";
import { ensureBaseModels, type Db } from "../../services/index.ts";
import { irisCsv } from "../support/csv.ts";
import { connectTestDatabase } from "../support/database.ts";
import { graphql, signUp } from "../support/graphql.ts";

const REPLAYS = 12;
const IMPORT = `mutation ($csv: String!, $key: String, $name: String = "iris") {
  importDataset(input: { name: $name, kind: CLASSIFICATION, numFeatures: 4, classes: ["setosa", "versicolor", "virginica"], csv: $csv, idempotencyKey: $key }) {
    __typename ... on DatasetPayload { dataset { id } added } ... on ValidationError { issues { path message } } } }`;
const FEEDBACK = `mutation ($model: ID!, $signal: Float!, $key: String) {
  recordFeedback(modelId: $model, item: "song-1", itemFeatures: [0.1, 0.2, 0.3, 0.4], signal: $signal, idempotencyKey: $key) {
    __typename ... on FeedbackPayload { personalParameters { version } } ... on ValidationError { issues { path message } } } }`;
const START = `mutation ($model: ID!, $dataset: ID!, $key: String, $epochs: Int = 2) {
  startTraining(modelId: $model, datasetId: $dataset, hyperparameters: { epochs: $epochs }, idempotencyKey: $key) {
    __typename ... on TrainingJobPayload { job { id } } ... on ValidationError { issues { path message } } } }`;

let db: Db;
let csv: string;
let recommenderId: string;

async function newUser(extra: Record<string, unknown> = {}) {
  return signUp(undefined, { features: [0.2, 0.4, 0.6, 0.8], ...extra });
}
const datasetCount = async (user: { apiKey: string }) => (await graphql(`{ me { datasets { totalCount } } }`, {}, { apiKey: user.apiKey })).body.data!.me.datasets.totalCount;

beforeAll(async () => {
  db = await connectTestDatabase();
  const [header, ...rows] = irisCsv().split("\n");
  csv = [header, ...rows.filter((_, i) => i % 12 === 0)].join("\n"); // 13 rows of all three species
  recommenderId = encodeGlobalID("Model", (await ensureBaseModels(db)).find((m) => m.task === "RECOMMENDATION")!.id);
});
afterAll(async () => { await db.$disconnect(); });

describe("idempotent mutations", () => {
  it(`importDataset replayed ${REPLAYS}× at once with one key: one dataset, every answer names it`, async () => {
    const alice = await newUser();
    const answers = await Promise.all(Array.from({ length: REPLAYS }, () => graphql(IMPORT, { csv, key: "import-3f2a" }, { apiKey: alice.apiKey })));
    const ids = answers.map((a) => a.body.data?.importDataset?.dataset?.id);
    expect(new Set(ids).size, JSON.stringify(answers.find((a) => !a.body.data?.importDataset?.dataset)?.body)).toBe(1);
    expect(answers.every((a) => a.body.data!.importDataset.added === 13)).toBe(true);
    expect(await datasetCount(alice)).toBe(1);
  });

  it("without a key, the same import twice makes two datasets (keys are opt-in)", async () => {
    const bob = await newUser();
    await graphql(IMPORT, { csv }, { apiKey: bob.apiKey });
    await graphql(IMPORT, { csv }, { apiKey: bob.apiKey });
    expect(await datasetCount(bob)).toBe(2);
  });

  it(`recordFeedback replayed ${REPLAYS}× at once: one signal stored, one online update, one quota unit`, async () => {
    const carol = await newUser({ consent: { personalization: true } });
    const answers = await Promise.all(Array.from({ length: REPLAYS }, () => graphql(FEEDBACK, { model: recommenderId, signal: 1, key: "fb-1" }, { apiKey: carol.apiKey })));
    expect(answers.map((a) => a.body.data?.recordFeedback?.__typename)).toEqual(Array(REPLAYS).fill("FeedbackPayload"));
    // Every retry answers the parameters of the single update (version 1), not a later one.
    expect(answers.map((a) => a.body.data!.recordFeedback.personalParameters.version)).toEqual(Array(REPLAYS).fill(1));
    const { body } = await graphql(`{ me { usage { quota used } } }`, {}, { apiKey: carol.apiKey });
    expect(body.data!.me.usage.find((u: { quota: string }) => u.quota === "feedback").used).toBe(1);
    // A new key is a new signal.
    const second = await graphql(FEEDBACK, { model: recommenderId, signal: -1, key: "fb-2" }, { apiKey: carol.apiKey });
    expect(second.body.data!.recordFeedback.personalParameters.version).toBe(2);
  });

  it(`startTraining replayed ${REPLAYS}× at once: one job, and no retry is told the model is already training`, async () => {
    const dave = await newUser();
    const dataset = (await graphql(IMPORT, { csv }, { apiKey: dave.apiKey })).body.data!.importDataset.dataset.id;
    const model = (await graphql(`mutation { createModel(input: { name: "m", task: CLASSIFICATION, numFeatures: 4, classes: ["setosa", "versicolor", "virginica"] }) { ... on CreateModelPayload { model { id } } } }`, {}, { apiKey: dave.apiKey }))
      .body.data!.createModel.model.id;
    const answers = await Promise.all(Array.from({ length: REPLAYS }, () => graphql(START, { model, dataset, key: "train-once" }, { apiKey: dave.apiKey })));
    const jobs = answers.map((a) => a.body.data?.startTraining?.job?.id);
    expect(new Set(jobs).size, JSON.stringify(answers.find((a) => !a.body.data?.startTraining?.job)?.body)).toBe(1);
    expect(jobs[0]).toBeTruthy();
    const { body } = await graphql(`{ me { trainingJobs { totalCount } } }`, {}, { apiKey: dave.apiKey });
    expect(body.data!.me.trainingJobs.totalCount).toBe(1);
    // Without the key, a second start is refused as before.
    const again = await graphql(START, { model, dataset }, { apiKey: dave.apiKey });
    expect(again.body.data!.startTraining.issues[0].message).toMatch(/already training/);
  });

  it("the same key with other input is refused, names the key, and changes nothing", async () => {
    const erin = await newUser();
    await graphql(IMPORT, { csv, key: "k-1", name: "first" }, { apiKey: erin.apiKey });
    const other = await graphql(IMPORT, { csv, key: "k-1", name: "second" }, { apiKey: erin.apiKey });
    expect(other.body.data!.importDataset).toEqual({
      __typename: "ValidationError",
      issues: [{ path: ["input", "idempotencyKey"], message: expect.stringMatching(/already used for importDataset with other input; use a new key/) }],
    });
    const feedback = await graphql(FEEDBACK, { model: recommenderId, signal: 0.5, key: "k-1" }, { apiKey: erin.apiKey });
    expect(feedback.body.data!.recordFeedback.issues[0]).toMatchObject({ path: ["idempotencyKey"], message: expect.stringMatching(/already used for importDataset;/) });
    const { body } = await graphql(`{ me { datasets { edges { node { name } } } usage { quota used } } }`, {}, { apiKey: erin.apiKey });
    expect(body.data!.me.datasets.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(["first"]);
    expect(body.data!.me.usage.find((u: { quota: string }) => u.quota === "feedback").used).toBe(0);
  });

  it("keys are per user: another user's identical key and input does that user's own work", async () => {
    const [fay, gus] = [await newUser(), await newUser()];
    const a = await graphql(IMPORT, { csv, key: "shared-key" }, { apiKey: fay.apiKey });
    const b = await graphql(IMPORT, { csv, key: "shared-key" }, { apiKey: gus.apiKey });
    expect(a.body.data!.importDataset.dataset.id).not.toBe(b.body.data!.importDataset.dataset.id);
    expect([await datasetCount(fay), await datasetCount(gus)]).toEqual([1, 1]);
  });

  it("the Idempotency-Key header covers each mutation field of a retried request apart", async () => {
    const hal = await newUser();
    const twoImports = `mutation ($csv: String!) {
      a: importDataset(input: { name: "a", kind: CLASSIFICATION, numFeatures: 4, classes: ["setosa", "versicolor", "virginica"], csv: $csv }) { ... on DatasetPayload { dataset { id } } }
      b: importDataset(input: { name: "b", kind: CLASSIFICATION, numFeatures: 4, classes: ["setosa", "versicolor", "virginica"], csv: $csv }) { ... on DatasetPayload { dataset { id } } } }`;
    const send = () => graphql(twoImports, { csv }, { apiKey: hal.apiKey, headers: { "idempotency-key": "request-7c1e" } });
    const [first, retry] = await Promise.all([send(), send()]);
    expect(first.body.data).toEqual(retry.body.data);
    expect(first.body.data!.a.dataset.id).not.toBe(first.body.data!.b.dataset.id);
    expect(await datasetCount(hal)).toBe(2);
  });

  it.each([
    ["empty", ""],
    ["with a space", "my key"],
    ["non-ASCII", "clé"],
    [`${limits.idempotency.keyMaxLength + 1} characters`, "k".repeat(limits.idempotency.keyMaxLength + 1)],
  ])("a key that is %s is refused with what is allowed, and nothing is written", async (_what, key) => {
    const ivy = await newUser();
    const { body } = await graphql(IMPORT, { csv, key }, { apiKey: ivy.apiKey });
    expect(body.data!.importDataset.issues).toEqual([{ path: ["input", "idempotencyKey"], message: `must be 1–${limits.idempotency.keyMaxLength} printable ASCII characters without spaces (a UUID is ideal)` }]);
    expect(await datasetCount(ivy)).toBe(0);
  });

  it(`a key of exactly ${limits.idempotency.keyMaxLength} characters is accepted`, async () => {
    const jo = await newUser();
    const { body } = await graphql(IMPORT, { csv, key: "k".repeat(limits.idempotency.keyMaxLength) }, { apiKey: jo.apiKey });
    expect(body.data!.importDataset.__typename).toBe("DatasetPayload");
  });

  it("a retry after what the key made was deleted says so, instead of doing it again", async () => {
    const kim = await newUser();
    const made = await graphql(IMPORT, { csv, key: "gone" }, { apiKey: kim.apiKey });
    await graphql(`mutation ($id: ID!) { deleteDataset(id: $id) { __typename } }`, { id: made.body.data!.importDataset.dataset.id }, { apiKey: kim.apiKey });
    const retry = await graphql(IMPORT, { csv, key: "gone" }, { apiKey: kim.apiKey });
    expect(retry.body.data!.importDataset.issues[0].message).toMatch(/was deleted since; use a new key/);
  });
});
