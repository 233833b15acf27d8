// Anomaly detection through GraphQL over HTTP, as a fraud team would use it: a table of mostly
// normal rows with planted anomalies (seeded), an ANOMALY_DETECTION model with the default
// blueprint, trained like any model; its metrics beside two classical detectors on the same
// split; its threshold holding the false-positive rate it was set for; predictions that flag.
import { beforeAll, describe, expect, it } from "vitest";
import { plantedAnomalies } from "../../ml/index.ts";
import { graphql, signUp } from "../support/graphql.ts";

const data = plantedAnomalies({ normal: 300, anomalies: 30, features: 6, seed: 4 });
const csv = ["f0,f1,f2,f3,f4,f5,label", ...data.rows.map((r, i) => `${r.map((x) => x.toFixed(6)).join(",")},${data.classes[data.labels[i]!]}`)].join("\n");

const IMPORT = `mutation ($input: ImportDatasetInput!) { importDataset(input: $input) { ... on DatasetPayload { dataset { id } } ... on ValidationError { issues { path message } } } }`;
const CREATE = `mutation ($input: CreateModelInput!) { createModel(input: $input) { __typename ... on CreateModelPayload { model { id description blueprint } } ... on ValidationError { issues { path message } } } }`;
const START = `mutation ($m: ID!, $d: ID!) { startTraining(modelId: $m, datasetId: $d) { ... on TrainingJobPayload { job { id } } ... on ValidationError { issues { path message } } } }`;
const JOB = `query ($id: ID!) { trainingJob(id: $id) { ... on TrainingJob { status error metrics } } }`;
const PREDICT = `mutation ($m: ID!, $rows: [FeatureRow!]!, $options: PredictOptions) { predictBatch(modelId: $m, rows: $rows, options: $options) {
  __typename ... on PredictPayload { predictions { label value threshold } } ... on ValidationError { issues { path message } } } }`;

let user: { apiKey: string };
const as = (query: string, variables?: Record<string, unknown>) => graphql(query, variables, { apiKey: user.apiKey });
let modelId: string;
let metrics: Record<string, any>;

beforeAll(async () => {
  user = await signUp("Fraud team");
  const datasetId = (await as(IMPORT, { input: { name: "transactions", kind: "CLASSIFICATION", numFeatures: 6, classes: data.classes, csv } })).body.data!.importDataset.dataset.id;
  const created = (await as(CREATE, { input: { name: "fraud", task: "ANOMALY_DETECTION", numFeatures: 6, classes: data.classes } })).body.data!.createModel;
  modelId = created.model.id;
  expect(created.model.description).toContain('fidelity-kernel density of the "normal" rows (bandwidth chosen on the validation split)');
  const job = (await as(START, { m: modelId, d: datasetId })).body.data!.startTraining.job;
  let state = { status: "QUEUED", error: null, metrics: null as Record<string, any> | null };
  for (let i = 0; i < 50 && (state.status === "QUEUED" || state.status === "RUNNING"); i++) state = (await as(JOB, { id: job.id })).body.data!.trainingJob;
  expect(state).toMatchObject({ status: "SUCCEEDED", error: null });
  metrics = state.metrics!;
});

describe("an anomaly detector", () => {
  it("ranks the planted anomalies at least as well as both classical detectors, with every metric reported", () => {
    const { quantum, baseline, baselineName, otherBaselines } = metrics.test;
    expect(baselineName).toBe("Gaussian kernel density");
    expect(otherBaselines[0].name).toBe("Mahalanobis distance");
    for (const m of [quantum, baseline, otherBaselines[0].metrics]) expect(Object.keys(m).sort()).toEqual(["anomalies", "falsePositiveRate", "prAuc", "precisionAtK", "recall", "rocAuc", "rows"]);
    expect(quantum.anomalies).toBeGreaterThan(0);
    expect(quantum.rocAuc).toBeGreaterThanOrEqual(baseline.rocAuc);
    expect(quantum.rocAuc).toBeGreaterThanOrEqual(otherBaselines[0].metrics.rocAuc);
    expect(quantum.rocAuc).toBeGreaterThan(0.9);
  });

  it("chose its bandwidth by validation ROC-AUC and set its threshold for 5 % false positives", () => {
    const { anomaly } = metrics;
    expect(anomaly.falsePositiveRate).toBe(0.05);
    expect(anomaly.selection.criterion).toBe("validationRocAuc");
    const best = Math.max(...anomaly.selection.grid.map((g: { rocAuc: number }) => g.rocAuc));
    expect(anomaly.selection.grid.find((g: { bandwidth: number }) => g.bandwidth === anomaly.bandwidth).rocAuc).toBe(best);
    expect(metrics.test.quantum.falsePositiveRate).toBeLessThanOrEqual(0.15); // set on ~60 validation normals, measured on ~90 test normals
  });

  it("flags rows above its threshold and not below, with the score as the value; explanations are refused", async () => {
    const rows = [data.rows[data.labels.indexOf(0)]!, data.rows[data.labels.indexOf(1)]!, [0, 0, 0, 0, 0, 0]];
    const { predictions } = (await as(PREDICT, { m: modelId, rows: rows.map((features) => ({ features })), options: { store: false } })).body.data!.predictBatch;
    for (const p of predictions) expect(p.label).toBe(p.value >= p.threshold ? "anomaly" : "normal");
    expect(predictions[0].label).toBe("normal");
    expect(predictions[2].label).toBe("anomaly"); // the empty middle between the two kinds of customer
    const refused = (await as(PREDICT, { m: modelId, rows: [{ features: rows[0] }], options: { explain: true } })).body.data!.predictBatch;
    expect(refused.issues[0].path).toEqual(["options", "explain"]);
  });

  it("needs exactly two classes, normal first, and refuses what a kernel density does not have", async () => {
    const refused = (await as(CREATE, { input: { name: "x", task: "ANOMALY_DETECTION", numFeatures: 6, classes: ["a", "b", "c"], ansatz: { kind: "realAmplitudes" }, falsePositiveRate: 0.9 } })).body.data!.createModel;
    expect(refused.issues.map((i: { path: string[] }) => i.path.join("."))).toEqual(expect.arrayContaining(["input.classes", "input.task", "input.falsePositiveRate"]));
    const notAnomaly = (await as(CREATE, { input: { name: "x", task: "CLASSIFICATION", numFeatures: 6, classes: ["a", "b"], falsePositiveRate: 0.1 } })).body.data!.createModel;
    expect(notAnomaly.issues).toEqual([{ path: ["input", "falsePositiveRate"], message: "only anomaly detectors have a false-positive rate" }]);
  });
});
