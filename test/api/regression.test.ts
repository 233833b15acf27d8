// Regression over GraphQL-over-HTTP: the blueprint's readout, loss and re-uploading (checked
// across fields), training that stores a calibrated band with its test coverage, and predictions
// whose interval is that band (CALIBRATED), widened by shot noise when shots are asked for.
import { beforeAll, describe, expect, it } from "vitest";
import { loadIris } from "../../ml/index.ts";
import { graphql, signUp } from "../support/graphql.ts";

const iris = loadIris();
// Petal width from the other three measurements.
const CSV = ["sepal_length,sepal_width,petal_length,petal_width", ...iris.rows.map((r) => r.join(","))].join("\n");

const CREATE = `mutation ($input: CreateModelInput!) { createModel(input: $input) {
  __typename ... on CreateModelPayload { model { id blueprint circuit { parameterCount } } } ... on ValidationError { issues { path message } } } }`;
const IMPORT = `mutation ($input: ImportDatasetInput!) { importDataset(input: $input) { ... on DatasetPayload { dataset { id } } } }`;
const START = `mutation ($model: ID!, $dataset: ID!) { startTraining(modelId: $model, datasetId: $dataset, hyperparameters: { epochs: 30, seed: 1 }) { ... on TrainingJobPayload { job { id } } } }`;
const JOB = `query ($id: ID!) { trainingJob(id: $id) { ... on TrainingJob { status metrics } } }`;
const PREDICT = `mutation ($model: ID!, $features: [Float!]!, $options: PredictOptions) { predict(modelId: $model, features: $features, options: $options) {
  __typename ... on Prediction { value interval { low high source } explanation { attributions value baselineValue completenessGap gapTolerance reliable } } } }`;

let user: { apiKey: string };
const as = (query: string, variables?: Record<string, unknown>) => graphql(query, variables, { apiKey: user.apiKey });

beforeAll(async () => {
  user = await signUp("Regression user");
});

describe("regression models over the API", () => {
  it("refuses a classifier's readout or loss on a regressor, and the reverse, and re-uploading on a kernel model", async () => {
    const refused = async (input: Record<string, unknown>) => (await as(CREATE, { input: { name: "x", numFeatures: 3, ...input } })).body.data!.createModel.issues;
    expect(await refused({ task: "REGRESSION", readout: "softmax" })).toEqual([{ path: ["input", "readout"], message: "a regressor reads out linear, linearPairs or z0" }]);
    expect(await refused({ task: "REGRESSION", loss: "crossEntropy" })).toEqual([{ path: ["input", "loss"], message: "a regressor trains with mse or huber" }]);
    expect(await refused({ task: "CLASSIFICATION", classes: ["a", "b"], readout: "linear" })).toEqual([
      { path: ["input", "readout"], message: "linear is a regressor's readout; classifiers read out softmax or parity" },
    ]);
    expect(await refused({ task: "CLASSIFICATION", classes: ["a", "b"], loss: "huber" })).toEqual([
      { path: ["input", "loss"], message: "huber is a regressor's loss; classifiers train with crossEntropy, mse or hinge" },
    ]);
    expect(await refused({ task: "KERNEL_CLASSIFICATION", classes: ["a", "b"], reupload: true })).toEqual([
      { path: ["input", "reupload"], message: "re-uploading is for variational classifiers and regressors" },
    ]);
  });

  it("defaults a regressor to the linear readout and MSE; re-uploading repeats the encoding per ansatz layer", async () => {
    const plain = (await as(CREATE, { input: { name: "plain", task: "REGRESSION", numFeatures: 3 } })).body.data!.createModel.model;
    expect(plain.blueprint).toMatchObject({ readout: "linear", loss: "mse" });
    expect(plain.blueprint.reupload).toBeUndefined();
    const again = (await as(CREATE, { input: { name: "re-uploading", task: "REGRESSION", numFeatures: 3, reupload: true, loss: "huber", readout: "linearPairs" } })).body.data!.createModel.model;
    expect(again.blueprint).toMatchObject({ readout: "linearPairs", loss: "huber", reupload: true });
    // Two one-rep layers of 2 × 3 rotations, against 3 × 3 for one RealAmplitudes of reps 2; the 3 inputs count in both.
    expect(again.circuit.parameterCount - 3).toBe(12);
    expect(plain.circuit.parameterCount - 3).toBe(9);
  });

  it("trains, stores a calibrated band with its test coverage, and predicts inside it", async () => {
    const model = (await as(CREATE, { input: { name: "petal width", task: "REGRESSION", numFeatures: 3 } })).body.data!.createModel.model;
    const dataset = (await as(IMPORT, { input: { name: "petals", kind: "REGRESSION", numFeatures: 3, csv: CSV } })).body.data!.importDataset.dataset;
    const job = (await as(START, { model: model.id, dataset: dataset.id })).body.data!.startTraining.job;
    let status = "QUEUED", metrics: Record<string, any> = {};
    for (let i = 0; i < 60 && status !== "SUCCEEDED" && status !== "FAILED"; i++) ({ status, metrics } = (await as(JOB, { id: job.id })).body.data!.trainingJob);
    expect(status).toBe("SUCCEEDED");
    expect(metrics.test.quantum.r2).toBeGreaterThan(metrics.test.baseline.r2 - 0.05);
    // Calibrated on the half of the 30 validation rows that did not choose the stopping epoch.
    expect(metrics.calibration).toMatchObject({ method: "splitConformal", level: 0.95, examples: 15 });
    expect(metrics.calibration.halfWidth).toBeGreaterThan(0);
    expect(metrics.calibration.testCoverage).toBeGreaterThan(0.85);

    const exact = (await as(PREDICT, { model: model.id, features: [6.7, 3.0, 5.2], options: { explain: true } })).body.data!.predict;
    expect(exact.interval.source).toBe("CALIBRATED");
    expect(exact.interval.high - exact.interval.low).toBeCloseTo(2 * metrics.calibration.halfWidth, 10);
    expect(exact.value).toBeGreaterThan(1.5); // a virginica-sized flower
    // Attributions still add up to ŷ − baseline within the stated gap.
    const e = exact.explanation;
    expect(Math.abs(e.attributions.reduce((a: number, b: number) => a + b, 0) - (e.value - e.baselineValue))).toBeLessThanOrEqual(e.gapTolerance);
    expect(e.reliable).toBe(true);

    const shots = (await as(PREDICT, { model: model.id, features: [6.7, 3.0, 5.2], options: { shots: 1000, seed: 2 } })).body.data!.predict;
    expect(shots.interval.source).toBe("CALIBRATED");
    expect(shots.interval.high - shots.interval.low).toBeGreaterThan(2 * metrics.calibration.halfWidth); // widened by shot noise
    expect(shots.value).toBeGreaterThan(shots.interval.low);
    expect(shots.value).toBeLessThan(shots.interval.high);
  }, 60_000);
});
