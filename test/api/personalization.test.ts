// Personalization over GraphQL-over-HTTP: a recommender trained on ratings, recommendations that
// say whether personal parameters were used, online feedback updates that never lose a concurrent
// write, consent, and the caller's data rights (export, delete everything).
import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePreferences } from "../../ml/index.ts";
import { ensureBaseModels, type Db } from "../../services/index.ts";
import { ratingsCsv } from "../support/csv.ts";
import { connectTestDatabase } from "../support/database.ts";
import { exportThroughApi } from "../support/export.ts";
import { graphql, signUp } from "../support/graphql.ts";

const data = generatePreferences({ users: 20, items: 30, ratingsPerUser: 12, seed: 4 });
const CSV = ratingsCsv(data);
const items = data.itemFeatures.slice(0, 6).map((itemFeatures, i) => ({ item: `item-${i}`, itemFeatures }));

const RECOMMEND = `query ($model: ID!, $candidates: [CandidateItem!], $shots: Int) { recommend(modelId: $model, candidates: $candidates, shots: $shots) {
  __typename ... on Recommendations { personalized intervalSource items { item score low high } modelVersion { number } }
  ... on ValidationError { issues { path message } } ... on NotFoundError { code } } }`;
const FEEDBACK = `mutation ($model: ID!, $item: String!, $features: [Float!]!, $signal: Float!) { recordFeedback(modelId: $model, item: $item, itemFeatures: $features, signal: $signal) {
  __typename ... on FeedbackPayload { personalParameters { version values } } ... on ValidationError { issues { path message } } } }`;

let db: Db;
let alice: { apiKey: string; id: string };
let bob: { apiKey: string; id: string };
let modelId: string;
const as = (user: { apiKey: string }) => (query: string, variables?: Record<string, unknown>) => graphql(query, variables, { apiKey: user.apiKey });

beforeAll(async () => {
  db = await connectTestDatabase();
  alice = await signUp("Alice (taste)", { features: data.userFeatures[0], consent: { personalization: true } });
  bob = await signUp("Bob (no consent)", { features: data.userFeatures[1] });
  const created = await as(alice)(`mutation { createModel(input: { name: "picks", task: RECOMMENDATION, numFeatures: 4, itemFeatures: 4 }) { ... on CreateModelPayload { model { id numQubits } } } }`);
  modelId = created.body.data!.createModel.model.id;
  expect(created.body.data!.createModel.model.numQubits).toBe(8);
  const imported = await as(alice)(`mutation ($csv: String!) { importDataset(input: { name: "ratings", kind: RATINGS, numFeatures: 8, csv: $csv }) { ... on DatasetPayload { dataset { id } added } } }`, { csv: CSV });
  expect(imported.body.data!.importDataset.added).toBe(240);
  const started = await as(alice)(`mutation ($m: ID!, $d: ID!) { startTraining(modelId: $m, datasetId: $d, hyperparameters: { epochs: 6, batchSize: 32, seed: 2 }) { ... on TrainingJobPayload { job { id } } } }`, {
    m: modelId,
    d: imported.body.data!.importDataset.dataset.id,
  });
  const jobId = started.body.data!.startTraining.job.id;
  let status = "QUEUED";
  for (let polls = 0; (status === "QUEUED" || status === "RUNNING") && polls < 100; polls++) {
    status = (await as(alice)(`query ($id: ID!) { trainingJob(id: $id) { ... on TrainingJob { status } } }`, { id: jobId })).body.data!.trainingJob.status;
  }
  expect(status).toBe("SUCCEEDED");
});
afterAll(async () => { await db.$disconnect(); });

describe("recommendations and personal parameters", () => {
  it("recommend ranks candidates with the shared model until the user has parameters", async () => {
    const { body } = await as(alice)(RECOMMEND, { model: modelId, candidates: items });
    const r = body.data!.recommend;
    expect(r).toMatchObject({ __typename: "Recommendations", personalized: false, intervalSource: "EXACT", modelVersion: { number: 1 } });
    expect(r.items).toHaveLength(6);
    const scores = r.items.map((i: { score: number }) => i.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
  });

  it("with shots, each score comes with a band around it", async () => {
    const { body } = await as(alice)(RECOMMEND, { model: modelId, candidates: items, shots: 500 });
    expect(body.data!.recommend.intervalSource).toBe("SHOTS");
    for (const i of body.data!.recommend.items) expect(i.low <= i.score && i.score <= i.high).toBe(true);
  });

  it("feedback updates the user's parameters online, and recommend then uses them", async () => {
    const first = await as(alice)(FEEDBACK, { model: modelId, item: "item-0", features: items[0]!.itemFeatures, signal: 1 });
    expect(first.body.data!.recordFeedback.personalParameters.version).toBe(1);
    expect(first.body.data!.recordFeedback.personalParameters.values.some((v: number) => v !== 0)).toBe(true);
    const { body } = await as(alice)(RECOMMEND, { model: modelId, candidates: items });
    expect(body.data!.recommend.personalized).toBe(true);
  });

  it("personal: false ranks with the shared parameters, as before any feedback (the two rankings side by side)", async () => {
    const SIDE_BY_SIDE = `query ($model: ID!, $candidates: [CandidateItem!]) {
      personal: recommend(modelId: $model, candidates: $candidates) { ... on Recommendations { personalized items { item score } } }
      shared: recommend(modelId: $model, candidates: $candidates, personal: false) { ... on Recommendations { personalized items { item score } } } }`;
    const { body } = await as(alice)(SIDE_BY_SIDE, { model: modelId, candidates: items });
    expect(body.data!.personal.personalized).toBe(true);
    expect(body.data!.shared.personalized).toBe(false);
    expect(body.data!.shared.items).not.toEqual(body.data!.personal.items);
  });

  it("50 concurrent feedback signals: all stored, none lost (one transaction per signal, on the parameters' row lock)", async () => {
    const model = decodeGlobalID(modelId).id;
    const before = (await db.userParameters.findFirstOrThrow({ where: { modelId: model } })).version;
    const stored = await db.interaction.count({ where: { modelId: model } });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, k) => as(alice)(FEEDBACK, { model: modelId, item: `burst-${k}`, features: data.itemFeatures[k % 30]!, signal: k % 2 ? 1 : -1 })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(results.every((r) => r.body.data!.recordFeedback.__typename === "FeedbackPayload")).toBe(true);
    const after = await db.userParameters.findFirstOrThrow({ where: { modelId: model } });
    expect(after.version).toBe(before + 50);
    expect(await db.interaction.count({ where: { modelId: model } })).toBe(stored + 50);
    const versions = results.map((r) => r.body.data!.recordFeedback.personalParameters.version as number);
    expect(new Set(versions).size).toBe(50); // each write saw its own version
    expect(Math.max(...versions)).toBe(after.version);
  });

  it("personalize fine-tunes on all the user's feedback", async () => {
    const { body } = await as(alice)(`mutation ($m: ID!) { personalize(modelId: $m) { __typename ... on PersonalParameters { version values } } }`, { m: modelId });
    expect(body.data!.personalize.__typename).toBe("PersonalParameters");
    expect(body.data!.personalize.values).toHaveLength(4);
  });

  it("without consent, feedback is stored but nothing is personalised", async () => {
    // Alice's model is private: to Bob it does not exist.
    expect((await as(bob)(RECOMMEND, { model: modelId, candidates: items })).body.data!.recommend.__typename).toBe("NotFoundError");
    const own = await as(bob)(`mutation { createModel(input: { name: "b", task: RECOMMENDATION, numFeatures: 4, itemFeatures: 4 }) { ... on CreateModelPayload { model { id } } } }`);
    const untrained = await as(bob)(RECOMMEND, { model: own.body.data!.createModel.model.id, candidates: items });
    expect(untrained.body.data!.recommend.issues[0].message).toContain("no trained version yet");
    const refused = await as(bob)(`mutation ($m: ID!) { personalize(modelId: $m) { __typename ... on ValidationError { issues { message } } } }`, { m: own.body.data!.createModel.model.id });
    expect(refused.body.data!.personalize.issues[0].message).toContain("needs your consent");
  });

  it("an empty answer says why and what to do: an empty catalogue, or empty candidates", async () => {
    const RECOMMEND_HINT = `query ($model: ID!, $candidates: [CandidateItem!]) { recommend(modelId: $model, candidates: $candidates) { ... on Recommendations { items { item } hint } } }`;
    // Nobody else can rate Alice's own model, so its catalogue is empty for her.
    const empty = (await as(alice)(RECOMMEND_HINT, { model: modelId })).body.data!.recommend;
    expect(empty.items).toEqual([]);
    expect(empty.hint).toMatch(/^Nothing to rank: no candidates were given, and the catalogue is empty for you\. .*consent\.sharedTraining.* Pass candidates/);
    const none = (await as(alice)(RECOMMEND_HINT, { model: modelId, candidates: [] })).body.data!.recommend;
    expect(none).toEqual({ items: [], hint: "Nothing to rank: candidates was empty." });
    expect((await as(alice)(RECOMMEND_HINT, { model: modelId, candidates: items })).body.data!.recommend.hint).toBeNull();
  });

  it("without candidates, a shared recommender ranks items others rated, only of users who consented to shared training", async () => {
    const shared = (await ensureBaseModels(db)).find((m) => m.task === "RECOMMENDATION")!;
    const sharedId = encodeGlobalID("Model", shared.id);
    const tag = `catalog-${process.pid}-`; // other test files rate the shared model too
    const carol = await signUp("Carol (catalog)", { features: data.userFeatures[2] });
    const dave = await signUp("Dave (consents)", { features: data.userFeatures[3], consent: { sharedTraining: true } });
    const erin = await signUp("Erin (does not)", { features: data.userFeatures[4] });
    for (const [user, item] of [[dave, 1], [dave, 2], [dave, 3], [carol, 1], [erin, 4]] as const) {
      const r = await as(user)(FEEDBACK, { model: sharedId, item: `${tag}${item}`, features: data.itemFeatures[item]!, signal: 0.5 });
      expect(r.body.data!.recordFeedback.personalParameters).toBeNull(); // no consent to personalization: stored, not personalised
    }
    const catalog = async () => {
      const { body } = await as(carol)(`query ($m: ID!) { recommend(modelId: $m) { ... on Recommendations { personalized items { item score } } } }`, { m: sharedId });
      expect(body.data!.recommend.personalized).toBe(false);
      return body.data!.recommend.items.map((i: { item: string }) => i.item).filter((item: string) => item.startsWith(tag)).sort();
    };
    // Dave's items, less the one Carol rated herself; never Erin's.
    expect(await catalog()).toEqual([`${tag}2`, `${tag}3`]);
    // Consent is read at ranking time: given, Erin's item appears; withdrawn, Dave's disappear.
    const CONSENT = `mutation ($c: ConsentInput!) { updateProfile(input: { consent: $c }) { ... on UpdateProfilePayload { user { id } } } }`;
    await as(erin)(CONSENT, { c: { sharedTraining: true } });
    await as(dave)(CONSENT, { c: { sharedTraining: false } });
    expect(await catalog()).toEqual([`${tag}4`]);
  });

  it("cancelTraining stops a running job; an ended job cannot be cancelled", async () => {
    const ds = (await as(alice)(`{ me { datasets(first: 1) { edges { node { id } } } } }`)).body.data!.me.datasets.edges[0].node.id;
    const started = await as(alice)(`mutation ($m: ID!, $d: ID!) { startTraining(modelId: $m, datasetId: $d, hyperparameters: { epochs: 50 }) { ... on TrainingJobPayload { job { id } } } }`, { m: modelId, d: ds });
    const jobId = started.body.data!.startTraining.job.id;
    const CANCEL = `mutation ($id: ID!) { cancelTraining(id: $id) { __typename ... on TrainingJobPayload { job { status } } ... on ValidationError { issues { message } } } }`;
    expect((await as(alice)(CANCEL, { id: jobId })).body.data!.cancelTraining.job.status).toBe("CANCELLED");
    expect((await as(alice)(`query ($id: ID!) { trainingJob(id: $id) { ... on TrainingJob { status } } }`, { id: jobId })).body.data!.trainingJob.status).toBe("CANCELLED");
    expect((await as(alice)(CANCEL, { id: jobId })).body.data!.cancelTraining.issues[0].message).toContain("already ended (CANCELLED)");
    expect((await as(alice)(`query ($id: ID!) { model(id: $id) { ... on Model { status } } }`, { id: modelId })).body.data!.model.status).toBe("READY");
  });

  it("bad candidates and signals are refused with their path", async () => {
    const bad = await as(alice)(RECOMMEND, { model: modelId, candidates: [{ item: "x", itemFeatures: [1, 2] }] });
    expect(bad.body.data!.recommend.issues).toEqual([{ path: ["candidates", "0", "itemFeatures"], message: "has 2 values; this model's items have 4 features" }]);
    const signal = await as(alice)(FEEDBACK, { model: modelId, item: "x", features: [0, 0, 0, 0], signal: 3 });
    expect(signal.body.data!.recordFeedback.issues).toEqual([{ path: ["signal"], message: "must be between -1 and 1" }]);
  });
});

describe("data rights", () => {
  it("exportMyData writes everything stored about the caller, and no secrets", async () => {
    const { records } = await exportThroughApi(alice.apiKey);
    const of = (type: string) => records.filter((r) => r.type === type);
    expect(records[0]).toMatchObject({ type: "superpose-export", version: 1 });
    expect(of("profile")[0]!.displayName).toBe("Alice (taste)");
    expect(of("model")).toHaveLength(1);
    expect(of("example")).toHaveLength(240);
    expect(of("interaction")).toHaveLength(51);
    expect(of("trainingJob")).toHaveLength(2); // the finished one and the cancelled one
    expect(of("personalParameters")[0]!.values).toHaveLength(4);
    expect(JSON.stringify(records)).not.toMatch(/"hash"|"checkpoint"/);
  });

  it("deleteMe removes the user and everything they own, and their key stops working", async () => {
    const userId = decodeGlobalID(alice.id).id;
    expect((await as(alice)(`mutation { deleteMe }`)).body.data!.deleteMe).toBe(true);
    expect(await db.user.findUnique({ where: { id: userId } })).toBeNull();
    const left = await Promise.all([
      db.model.count({ where: { ownerId: userId } }),
      db.dataset.count({ where: { ownerId: userId } }),
      db.interaction.count({ where: { userId } }),
      db.trainingJob.count({ where: { ownerId: userId } }),
      db.userParameters.count({ where: { userId } }),
      db.apiKey.count({ where: { userId } }),
    ]);
    expect(left).toEqual([0, 0, 0, 0, 0, 0]);
    expect((await as(alice)(`{ me { id } }`)).status).toBe(401);
  });
});
