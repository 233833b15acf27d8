// The product over GraphQL-over-HTTP: create a model, import data, train (polling drives the
// bursts), predict with intervals and explanations — and the privacy matrix: another user can
// neither see nor use any of it.
import { decodeGlobalID, encodeGlobalID } from "@pothos/plugin-relay";
import { beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../config/index.ts";
import { loadIris, modelFromSpec, type ModelSpec } from "../../ml/index.ts";
import { ensureBaseModels, inferenceWork } from "../../services/index.ts";
import { connectTestDatabase } from "../support/database.ts";
import { graphql, signUp } from "../support/graphql.ts";
import { irisCsv } from "../support/csv.ts";

const iris = loadIris();
const CSV = irisCsv();

const CREATE_MODEL = `mutation ($input: CreateModelInput!) { createModel(input: $input) {
  __typename
  ... on CreateModelPayload { model { id name task status shared numQubits circuit { numQubits depth gateCount parameterCount diagram } } }
  ... on ValidationError { issues { path message } } } }`;
const IMPORT = `mutation ($input: ImportDatasetInput!) { importDataset(input: $input) {
  __typename ... on DatasetPayload { added dataset { id name kind numFeatures classes examples(first: 2) { totalCount } } }
  ... on ValidationError { issues { path message } } } }`;
const START = `mutation ($model: ID!, $dataset: ID!, $hp: HyperparametersInput) { startTraining(modelId: $model, datasetId: $dataset, hyperparameters: $hp) {
  __typename ... on TrainingJobPayload { job { id status progress } } ... on ValidationError { issues { path message } } ... on NotFoundError { code } } }`;
const JOB = `query ($id: ID!) { trainingJob(id: $id) { __typename ... on TrainingJob { status progress step epoch lossHistory { epoch trainLoss validationLoss } metrics error version { number } } ... on NotFoundError { code } } }`;
const PREDICT = `mutation ($model: ID!, $features: [Float!]!, $options: PredictOptions) { predict(modelId: $model, features: $features, options: $options) {
  __typename
  ... on Prediction { id label value probabilities { label probability } interval { low high source } explanation { attributions completenessGap value baselineValue reliable gapTolerance outOfTrainingRange } latencyMs modelVersion { number } }
  ... on ValidationError { issues { path message } } ... on NotFoundError { code } } }`;

let alice: { apiKey: string; id: string };
let bob: { apiKey: string; id: string };
const as = (user: { apiKey: string }) => (query: string, variables?: Record<string, unknown>) => graphql(query, variables, { apiKey: user.apiKey });
let modelId: string, datasetId: string, jobId: string, predictionId: string;

beforeAll(async () => {
  alice = await signUp("Alice (product)");
  bob = await signUp("Bob (product)");
});

describe("a model from blueprint to prediction", () => {
  it("createModel validates every field at once", async () => {
    const { body } = await as(alice)(CREATE_MODEL, {
      input: { name: "", task: "CLASSIFICATION", numFeatures: 17, classes: ["a", "b", "c"], readout: "parity", encoding: { kind: "zz", reps: 9 }, reduce: { kind: "none" } },
    });
    const issues = body.data!.createModel.issues.map((i: { path: string[] }) => i.path.join("."));
    expect(issues).toEqual(expect.arrayContaining(["input.name", "input.encoding.reps", "input.readout", "input.numFeatures"]));
  });

  it("createModel makes a drawable 4-qubit classifier", async () => {
    const { body } = await as(alice)(CREATE_MODEL, { input: { name: "Iris VQC", task: "CLASSIFICATION", numFeatures: 4, classes: iris.classes } });
    const model = body.data!.createModel.model;
    expect(model).toMatchObject({ name: "Iris VQC", task: "CLASSIFICATION", status: "UNTRAINED", shared: false, numQubits: 4, circuit: { numQubits: 4, parameterCount: 16 } });
    expect(model.circuit.diagram).toContain("Ry");
    modelId = model.id;
  });

  it("importDataset rejects a bad CSV with row and column, writing nothing", async () => {
    const broken = CSV.split("\n");
    broken[3] = "5.1,oops,1.4,0.2,setosa";
    broken[7] = "5.1,3.5,1.4,0.2,daisy";
    const { body } = await as(alice)(IMPORT, { input: { name: "bad", kind: "CLASSIFICATION", numFeatures: 4, classes: iris.classes, csv: broken.join("\n") } });
    // Both problems in one answer (a bad number and an unknown class), in the file's order.
    expect(body.data!.importDataset.issues).toEqual([
      { path: ["input", "csv", "row 4", "column 2"], message: '"oops" is not a decimal number (like 5.1, -0.25 or 1e-3)' },
      { path: ["input", "csv", "row 8", "label"], message: '"daisy" is not a class of this dataset (setosa, versicolor, virginica)' },
    ]);
    const again = await as(alice)(IMPORT, { input: { name: "bad", kind: "CLASSIFICATION", numFeatures: 4, classes: iris.classes, csv: broken.filter((_, i) => i !== 3).join("\n") } });
    expect(again.body.data!.importDataset.issues).toEqual([{ path: ["input", "csv", "row 7", "label"], message: '"daisy" is not a class of this dataset (setosa, versicolor, virginica)' }]);
    const mine = await as(alice)(`{ me { datasets(first: 5) { totalCount } } }`);
    expect(mine.body.data!.me.datasets.totalCount).toBe(0);
  });

  it("importDataset stores Iris", async () => {
    const { body } = await as(alice)(IMPORT, { input: { name: "Iris", kind: "CLASSIFICATION", numFeatures: 4, classes: iris.classes, csv: CSV } });
    expect(body.data!.importDataset).toMatchObject({ added: 150, dataset: { name: "Iris", numFeatures: 4, examples: { totalCount: 150 } } });
    datasetId = body.data!.importDataset.dataset.id;
  });

  it("startTraining answers at once; polling advances the job to a version with metrics beside the baseline", async () => {
    const { body } = await as(alice)(START, { model: modelId, dataset: datasetId, hp: { epochs: 25, seed: 1, learningRate: 0.1 } });
    expect(body.data!.startTraining.job).toMatchObject({ status: "QUEUED", progress: 0 });
    jobId = body.data!.startTraining.job.id;
    const second = await as(alice)(START, { model: modelId, dataset: datasetId });
    expect(second.body.data!.startTraining.issues[0].message).toContain("already training");

    let job: any, polls = 0;
    do {
      job = (await as(alice)(JOB, { id: jobId })).body.data!.trainingJob;
      polls++;
    } while ((job.status === "QUEUED" || job.status === "RUNNING") && polls < 100);
    expect(job.status).toBe("SUCCEEDED");
    expect(job.progress).toBe(1);
    expect(job.lossHistory.length).toBeGreaterThan(0);
    expect(job.version.number).toBe(1);
    expect(job.metrics.test.baselineName).toBe("logistic regression");
    expect(job.metrics.test.quantum.accuracy).toBeGreaterThanOrEqual(0.8);
    expect(job.metrics.split).toEqual({ train: 90, validation: 30, test: 30 });
  });

  it("predict: label, probabilities, a shot interval, an explanation and the version used", async () => {
    const { body } = await as(alice)(PREDICT, { model: modelId, features: [6.7, 3.0, 5.2, 2.3], options: { shots: 2000, seed: 5, explain: true } });
    const p = body.data!.predict;
    expect(p.__typename).toBe("Prediction");
    expect(p.label).toBe("virginica");
    expect(p.probabilities.reduce((s: number, c: { probability: number }) => s + c.probability, 0)).toBeCloseTo(1, 9);
    expect(p.interval.source).toBe("SHOTS");
    expect(p.interval.low).toBeLessThanOrEqual(p.value);
    expect(p.interval.high).toBeGreaterThanOrEqual(p.value);
    expect(p.explanation.attributions).toHaveLength(4);
    expect(Math.abs(p.explanation.completenessGap)).toBeLessThan(0.01);
    expect(p.explanation).toMatchObject({ reliable: true, outOfTrainingRange: [false, false, false, false] });
    expect(p.modelVersion.number).toBe(1);
    expect(p.latencyMs).toBeGreaterThan(0);
    predictionId = p.id;

    // Far outside the training range: flagged per feature; attributions that no longer add up are marked unreliable.
    const far = (await as(alice)(PREDICT, { model: modelId, features: [6.7, 3.0, 5000, 2.3], options: { explain: true } })).body.data!.predict.explanation;
    expect(far.outOfTrainingRange).toEqual([false, false, true, false]);
    expect(Math.abs(far.completenessGap)).toBeGreaterThan(far.gapTolerance); // the quadrature cannot follow the integrand that far out
    expect(far.reliable).toBe(false);
    expect(far.gapTolerance).toBeCloseTo(Math.max(0.01, 0.05 * Math.abs(far.value - far.baselineValue)), 12);

    const wrong = await as(alice)(PREDICT, { model: modelId, features: [1, 2, 3] });
    expect(wrong.body.data!.predict.issues).toEqual([{ path: ["rows", "0"], message: "has 3 features; the model takes 4" }]);
    const tooMany = await as(alice)(PREDICT, { model: modelId, features: [1, 2, 3, 4], options: { shots: limits.inference.maxShots + 1 } });
    expect(tooMany.body.data!.predict.issues[0].path).toEqual(["options", "shots"]);
  });

  it("predictBatch answers each row", async () => {
    const { body } = await as(alice)(
      `mutation ($model: ID!, $rows: [FeatureRow!]!) { predictBatch(modelId: $model, rows: $rows) { ... on PredictPayload { predictions { label interval { source } } } } }`,
      { model: modelId, rows: [{ features: [5.1, 3.5, 1.4, 0.2] }, { features: [6.0, 2.7, 4.1, 1.0] }, { features: [7.2, 3.2, 6.0, 1.8] }] },
    );
    expect(body.data!.predictBatch.predictions.map((p: { label: string }) => p.label)).toEqual(["setosa", "versicolor", "virginica"]);
  });
});

describe("privacy: Bob can neither see nor use Alice's things", () => {
  it.each([
    ["model(id:)", `query ($id: ID!) { model(id: $id) { __typename } }`, () => modelId, "model"],
    ["trainingJob(id:)", `query ($id: ID!) { trainingJob(id: $id) { __typename } }`, () => jobId, "trainingJob"],
    ["dataset(id:)", `query ($id: ID!) { dataset(id: $id) { __typename } }`, () => datasetId, "dataset"],
    ["deleteModel", `mutation ($id: ID!) { deleteModel(id: $id) { __typename } }`, () => modelId, "deleteModel"],
    ["cancelTraining", `mutation ($id: ID!) { cancelTraining(id: $id) { __typename } }`, () => jobId, "cancelTraining"],
    ["predict", `mutation ($id: ID!) { predict(modelId: $id, features: [1, 2, 3, 4]) { __typename } }`, () => modelId, "predict"],
    ["addExamples", `mutation ($id: ID!) { addExamples(datasetId: $id, examples: [{ features: [1, 2, 3, 4], label: "setosa" }]) { __typename } }`, () => datasetId, "addExamples"],
  ])("%s answers NotFoundError", async (_name, query, id, field) => {
    const { body } = await as(bob)(query, { id: id() });
    expect(body.data![field].__typename).toBe("NotFoundError");
  });

  it("startTraining with Alice's model or dataset is not found", async () => {
    const bobsDataset = (await as(bob)(IMPORT, { input: { name: "mine", kind: "CLASSIFICATION", numFeatures: 4, classes: iris.classes, csv: CSV } })).body.data!.importDataset.dataset.id;
    expect((await as(bob)(START, { model: modelId, dataset: bobsDataset })).body.data!.startTraining.__typename).toBe("NotFoundError");
  });

  it.each([
    ["Model", () => modelId],
    ["TrainingJob", () => jobId],
    ["Dataset", () => datasetId],
    ["Prediction", () => predictionId],
  ])("node(id:) on Alice's %s is null, exactly as a missing id", async (_type, id) => {
    const missing = Buffer.from(`${_type}:c${"0".repeat(24)}`).toString("base64");
    const { status, body } = await as(bob)(`query ($id: ID!, $missing: ID!) { node(id: $id) { id } gone: node(id: $missing) { id } nodes(ids: [$id, $missing]) { id } }`, { id: id(), missing });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { node: null, gone: null, nodes: [null, null] } });
  });

  it("lists show only the caller's own objects", async () => {
    const { body } = await as(bob)(`{ models(first: 50) { edges { node { id } } } me { datasets(first: 50) { edges { node { id } } } trainingJobs(first: 5) { totalCount } predictions(first: 5) { totalCount } } }`);
    expect(body.data!.models.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(modelId);
    expect(body.data!.me.datasets.edges.map((e: { node: { id: string } }) => e.node.id)).not.toContain(datasetId);
    expect(body.data!.me.trainingJobs.totalCount).toBe(0);
    expect(body.data!.me.predictions.totalCount).toBe(0);
  });
});

describe("shared base models", () => {
  let sharedId: string;
  beforeAll(async () => {
    const db = await connectTestDatabase();
    const shared = await ensureBaseModels(db);
    expect((await ensureBaseModels(db)).map((m) => m.id)).toEqual(shared.map((m) => m.id)); // idempotent
    await db.$disconnect();
    sharedId = encodeGlobalID("Model", shared.find((m) => m.task === "CLASSIFICATION")!.id);
  });

  it("every user sees them and can predict with them", async () => {
    const listed = await as(bob)(`{ models(first: 50) { edges { node { id shared status } } } }`);
    expect(listed.body.data!.models.edges).toContainEqual({ node: { id: sharedId, shared: true, status: "READY" } });
    const { body } = await as(bob)(PREDICT, { model: sharedId, features: [5.0, 3.4, 1.5, 0.2] });
    expect(body.data!.predict.label).toBe("setosa");
    const node = await as(bob)(`query ($id: ID!) { node(id: $id) { ... on Model { name latestVersion { number metrics } } } }`, { id: sharedId });
    expect(node.body.data!.node.latestVersion.metrics.test.baselineName).toBe("logistic regression");
  });

  it("nobody can delete or retrain them", async () => {
    expect((await as(bob)(`mutation ($id: ID!) { deleteModel(id: $id) { __typename } }`, { id: sharedId })).body.data!.deleteModel.__typename).toBe("NotFoundError");
    const mine = (await as(bob)(`{ me { datasets(first: 1) { edges { node { id } } } } }`)).body.data!.me.datasets.edges[0].node.id;
    expect((await as(bob)(START, { model: sharedId, dataset: mine })).body.data!.startTraining.__typename).toBe("NotFoundError");
  });
});

describe("inference work budget", () => {
  it(`predictBatch with explanations runs up to ${limits.inference.maxWork} amplitude updates and refuses more, up front`, async () => {
    const wide = await as(alice)(CREATE_MODEL, { input: { name: "wide", task: "CLASSIFICATION", numFeatures: 10, classes: ["a", "b"] } });
    const id = wide.body.data!.createModel.model.id;
    const rows = Array.from({ length: 40 }, (_, i) => [...Array.from({ length: 10 }, (_, j) => Math.sin(i * 7 + j)), i % 2 ? "a" : "b"].join(","));
    const csv = ["f0,f1,f2,f3,f4,f5,f6,f7,f8,f9,label", ...rows].join("\n");
    const ds = (await as(alice)(IMPORT, { input: { name: "wide", kind: "CLASSIFICATION", numFeatures: 10, classes: ["a", "b"], csv } })).body.data!.importDataset.dataset.id;
    const job = (await as(alice)(START, { model: id, dataset: ds, hp: { epochs: 1 } })).body.data!.startTraining.job.id;
    while (["QUEUED", "RUNNING"].includes((await as(alice)(JOB, { id: job })).body.data!.trainingJob.status));

    const db = await connectTestDatabase();
    const version = await db.modelVersion.findFirstOrThrow({ where: { jobId: decodeGlobalID(job).id } });
    await db.$disconnect();
    const perRow = inferenceWork(modelFromSpec(version.spec as unknown as ModelSpec), 1, true);
    const edge = Math.floor(limits.inference.maxWork / perRow);
    expect(edge).toBeLessThan(limits.inference.maxBatch);
    const BATCH = `mutation ($m: ID!, $rows: [FeatureRow!]!) { predictBatch(modelId: $m, rows: $rows, options: { explain: true }) {
      __typename ... on PredictPayload { predictions { label } } ... on ValidationError { issues { path message } } } }`;
    const row = { features: Array.from({ length: 10 }, (_, j) => Math.cos(j)) };
    const ok = await as(alice)(BATCH, { m: id, rows: Array.from({ length: edge }, () => row) });
    expect(ok.body.data!.predictBatch.predictions).toHaveLength(edge);
    const refused = await as(alice)(BATCH, { m: id, rows: Array.from({ length: edge + 1 }, () => row) });
    expect(refused.body.data!.predictBatch.issues[0].path).toEqual(["rows"]);
    expect(refused.body.data!.predictBatch.issues[0].message).toContain("fewer rows, or no explanations");
  });
});
