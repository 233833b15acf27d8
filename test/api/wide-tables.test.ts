// Tables wider than the qubit budget, through GraphQL over HTTP as a new user meets them: the
// public Wine table (13 features, 3 classes) with default blueprints. The default reduces it by
// PCA and says so; explanations come back per original feature; the kernel model chooses its
// bandwidth and λ on the validation split and reports them with its alignment. And the limits
// around it: every refusal names the field and what fits.
import { beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../config/index.ts";
import { KERNEL_BANDWIDTHS, KERNEL_REGULARIZATIONS } from "../../ml/index.ts";
import { publicTable } from "../support/csv.ts";
import { graphql, signUp } from "../support/graphql.ts";

const { csv, table } = publicTable("wine");
const d = table.featureNames.length;

const CREATE_MODEL = `mutation ($input: CreateModelInput!) { createModel(input: $input) {
  __typename ... on CreateModelPayload { model { id numQubits description blueprint } } ... on ValidationError { issues { path message } } } }`;
const IMPORT = `mutation ($input: ImportDatasetInput!) { importDataset(input: $input) { __typename ... on DatasetPayload { dataset { id } } ... on ValidationError { issues { path message } } } }`;
const START = `mutation ($model: ID!, $dataset: ID!, $hp: HyperparametersInput) { startTraining(modelId: $model, datasetId: $dataset, hyperparameters: $hp) {
  __typename ... on TrainingJobPayload { job { id } } ... on ValidationError { issues { path message } } } }`;
const JOB = `query ($id: ID!) { trainingJob(id: $id) { ... on TrainingJob { status error metrics } } }`;
const PREDICT = `mutation ($model: ID!, $features: [Float!]!, $options: PredictOptions) { predict(modelId: $model, features: $features, options: $options) {
  __typename ... on Prediction { label explanation { attributions completenessGap reliable } } ... on ValidationError { issues { path message } } } }`;

let user: { apiKey: string };
let datasetId: string;
const as = (query: string, variables?: Record<string, unknown>) => graphql(query, variables, { apiKey: user.apiKey });

async function create(input: Record<string, unknown>) {
  return (await as(CREATE_MODEL, { input: { name: "wide", classes: table.classes, numFeatures: d, ...input } })).body.data!.createModel;
}

async function train(modelId: string, hp: Record<string, unknown> = {}) {
  const started = (await as(START, { model: modelId, dataset: datasetId, hp })).body.data!.startTraining;
  expect(started.__typename).toBe("TrainingJobPayload");
  let job = { status: "QUEUED", error: null as string | null, metrics: null as Record<string, any> | null };
  for (let i = 0; i < 200 && (job.status === "QUEUED" || job.status === "RUNNING"); i++) job = (await as(JOB, { id: started.job.id })).body.data!.trainingJob;
  expect(job.error).toBeNull();
  expect(job.status).toBe("SUCCEEDED");
  return job.metrics!;
}

beforeAll(async () => {
  user = await signUp("Wide tables");
  const imported = (await as(IMPORT, { input: { name: "wine", kind: "CLASSIFICATION", numFeatures: d, classes: table.classes, csv } })).body.data!.importDataset;
  expect(imported.__typename).toBe("DatasetPayload");
  datasetId = imported.dataset.id;
});

describe("a 13-feature table with the default blueprint", () => {
  it("is reduced by PCA onto the default qubit budget, says so, trains, and explains per original feature", async () => {
    const created = await create({ task: "CLASSIFICATION" });
    expect(created.__typename).toBe("CreateModelPayload");
    expect(created.model.numQubits).toBe(limits.model.defaultQubits);
    expect(created.model.blueprint.reduce).toEqual({ kind: "pca", components: limits.model.defaultQubits, chosenBy: "default" });
    expect(created.model.description).toContain(`13 features reduced by PCA to ${limits.model.defaultQubits} components (chosen by default`);
    const metrics = await train(created.model.id, { epochs: 15, seed: 1 });
    expect(metrics.reduction).toMatchObject({ components: limits.model.defaultQubits, chosenBy: "default" });
    expect(metrics.reduction.explainedVariance).toBeGreaterThan(0.8);
    expect(metrics.reduction.explainedVariance).toBeLessThanOrEqual(1);
    expect(metrics.test.quantum.accuracy).toBeGreaterThan(0.8); // 3 balanced classes: chance is 1/3
    const prediction = (await as(PREDICT, { model: created.model.id, features: table.rows[0], options: { explain: true } })).body.data!.predict;
    expect(prediction.__typename).toBe("Prediction");
    expect(prediction.explanation.attributions).toHaveLength(d); // back through the PCA to the 13 columns
    expect(prediction.explanation.reliable).toBe(true);
  });

  it("a kernel model chooses its bandwidth and λ on the validation split and reports them with its alignment", async () => {
    const created = await create({ task: "KERNEL_CLASSIFICATION" });
    expect(created.model.blueprint.bandwidth).toBe("auto");
    expect(created.model.description).toContain("bandwidth and λ chosen on the validation split");
    const metrics = await train(created.model.id);
    const { kernel } = metrics;
    expect(KERNEL_BANDWIDTHS).toContain(kernel.bandwidth);
    expect(KERNEL_REGULARIZATIONS).toContain(kernel.regularization);
    expect(kernel.selection.grid).toHaveLength(KERNEL_BANDWIDTHS.length * KERNEL_REGULARIZATIONS.length);
    const best = Math.max(...kernel.selection.grid.map((c: { accuracy: number }) => c.accuracy));
    expect(kernel.selection.grid.find((c: { bandwidth: number; regularization: number }) => c.bandwidth === kernel.bandwidth && c.regularization === kernel.regularization).accuracy).toBe(best);
    expect(kernel.alignment).toBeGreaterThan(0);
    expect(kernel.alignment).toBeLessThanOrEqual(1);
    expect(metrics.test.quantum.accuracy).toBeGreaterThan(0.8);
  });

  it("a fixed bandwidth is used as given, and reduce: none keeps every feature", async () => {
    const created = await create({ task: "KERNEL_CLASSIFICATION", bandwidth: 0.5, regularization: 0.01, reduce: { kind: "none" } });
    expect(created.model.numQubits).toBe(d);
    expect(created.model.description).toContain("bandwidth 0.5, λ 0.01");
    const metrics = await train(created.model.id);
    expect(metrics.kernel).toMatchObject({ bandwidth: 0.5, regularization: 0.01, selection: null });
    expect(metrics.reduction).toBeUndefined();
  });
});

describe("the width limits", () => {
  it(`takes ${limits.model.maxQubits}-qubit variational and ${limits.model.maxKernelQubits}-qubit kernel models, and refuses one more, naming the fix`, async () => {
    const none = { kind: "none" };
    const edge = async (task: string, qubits: number) => (await create({ task, numFeatures: qubits, classes: ["a", "b"], reduce: none })).__typename;
    expect(await edge("CLASSIFICATION", limits.model.maxQubits)).toBe("CreateModelPayload");
    expect(await edge("KERNEL_CLASSIFICATION", limits.model.maxKernelQubits)).toBe("CreateModelPayload");
    const refused = await create({ task: "CLASSIFICATION", numFeatures: limits.model.maxQubits + 1, classes: ["a", "b"], reduce: none });
    expect(refused.issues).toEqual([
      { path: ["input", "numFeatures"], message: `needs ${limits.model.maxQubits + 1} qubits; these models take at most ${limits.model.maxQubits} (reduce: { kind: pca, components: ${limits.model.defaultQubits} }, fewer features, or amplitude encoding)` },
    ]);
    expect((await create({ task: "KERNEL_CLASSIFICATION", numFeatures: 30, classes: ["a", "b"], reduce: { kind: "pca", components: limits.model.maxKernelQubits + 1 } })).issues[0].path).toEqual(["input", "reduce", "components"]);
  });

  it("refuses a reduction or bandwidth that cannot apply, every problem at once", async () => {
    const refused = await create({ task: "CLASSIFICATION", reduce: { kind: "pca", components: 14 }, bandwidth: 0.5 });
    expect(refused.issues.map((i: { path: string[] }) => i.path.join("."))).toEqual(expect.arrayContaining(["input.reduce.components", "input.bandwidth"]));
    expect((await create({ task: "CLASSIFICATION", reduce: { kind: "pca" } })).issues).toEqual([
      { path: ["input", "reduce", "components"], message: "a PCA reduction needs the number of components to keep" },
    ]);
    const bad = await create({ task: "KERNEL_CLASSIFICATION", bandwidth: 0 });
    expect(bad.issues).toEqual([{ path: ["input", "bandwidth"], message: "must be greater than 0" }]);
  });
});
