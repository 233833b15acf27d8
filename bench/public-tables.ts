// Public tables wider than the qubit budget, as a new user meets them: the CSV uploaded with
// importDataset, a model created with the default blueprint (only task, features and classes
// given), trained with the default hyperparameters by polling trainingJob, and the version's
// test metrics read back, beside logistic regression on the same split. The defaults were fixed
// on Wine's validation split; Breast Cancer is reported with them unchanged.
import fs from "node:fs";
import path from "node:path";
import { parseTable } from "../ml/index.ts";
import { formatMs, printTable } from "./support/timing.ts";
import { throwawayApi } from "./support/throwaway-api.ts";

const IMPORT = `mutation ($input: ImportDatasetInput!) { importDataset(input: $input) { ... on DatasetPayload { dataset { id } } ... on ValidationError { issues { path message } } } }`;
const CREATE = `mutation ($input: CreateModelInput!) { createModel(input: $input) { ... on CreateModelPayload { model { id numQubits description } } ... on ValidationError { issues { path message } } } }`;
const START = `mutation ($m: ID!, $d: ID!) { startTraining(modelId: $m, datasetId: $d) { ... on TrainingJobPayload { job { id } } ... on ValidationError { issues { path message } } } }`;
const JOB = `query ($id: ID!) { trainingJob(id: $id) { ... on TrainingJob { status error metrics } } }`;

interface Metrics {
  test: { quantum: { accuracy: number; macroF1: number }; baseline: { accuracy: number } };
  reduction: { explainedVariance: number };
  kernel?: { bandwidth: number; regularization: number; alignment: number };
  bestEpoch: number;
  stoppedBy: string;
}
interface Job {
  status: string;
  error: string | null;
  metrics: Metrics;
}
type Payload<K extends string, T> = { [key in K]: T & { issues?: unknown[] } };

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const points = (x: number) => `${x >= 0 ? "+" : ""}${(100 * x).toFixed(1)}`;

export async function publicTablesThroughApi(names = ["wine", "breast-cancer"]): Promise<void> {
  const api = await throwawayApi();
  try {
    const key = await api.signUp("Bench: public tables");
    for (const name of names) {
      const csv = fs.readFileSync(path.resolve(import.meta.dirname, `../ml/data/public/${name}.csv`), "utf8");
      const table = parseTable(name, csv);
      const numFeatures = table.featureNames.length;
      const imported = (await api.request<Payload<"importDataset", { dataset?: { id: string } }>>(IMPORT, { input: { name, kind: "CLASSIFICATION", numFeatures, classes: table.classes, csv } }, key)).importDataset;
      if (!imported.dataset) throw new Error(`import failed: ${JSON.stringify(imported)}`);
      const rows: string[][] = [];
      let baseline: number | null = null;
      for (const task of ["CLASSIFICATION", "KERNEL_CLASSIFICATION"]) {
        const created = (await api.request<Payload<"createModel", { model?: { id: string; numQubits: number } }>>(CREATE, { input: { name: `${name} ${task}`, task, numFeatures, classes: table.classes } }, key)).createModel;
        if (!created.model) throw new Error(`createModel failed: ${JSON.stringify(created)}`);
        const started = performance.now();
        const job = (await api.request<Payload<"startTraining", { job: { id: string } }>>(START, { m: created.model.id, d: imported.dataset.id }, key)).startTraining.job;
        let state = { status: "QUEUED" } as Job;
        let polls = 0;
        while (state.status === "QUEUED" || state.status === "RUNNING") {
          state = (await api.request<{ trainingJob: Job }>(JOB, { id: job.id }, key)).trainingJob;
          polls++;
        }
        if (state.status !== "SUCCEEDED") throw new Error(`${name} ${task}: ${state.status} ${state.error}`);
        const ms = performance.now() - started;
        const m = state.metrics;
        baseline = m.test.baseline.accuracy;
        const chosen = m.kernel ? `bandwidth ${m.kernel.bandwidth}, λ ${m.kernel.regularization}, alignment ${m.kernel.alignment.toFixed(2)}` : `best epoch ${m.bestEpoch} (${m.stoppedBy === "earlyStopping" ? "stopped early" : "all 40 run"})`;
        rows.push([
          `${task === "CLASSIFICATION" ? "VQC" : "quantum kernel"}: ${created.model.numQubits} qubits, PCA keeps ${pct(m.reduction.explainedVariance)}`,
          pct(m.test.quantum.accuracy),
          points(m.test.quantum.accuracy - baseline!),
          m.test.quantum.macroF1.toFixed(3),
          chosen,
          `${formatMs(ms)} (${polls} polls)`,
        ]);
      }
      rows.push(["logistic regression (baseline, all features)", pct(baseline!), "—", "", "", ""]);
      const testRows = Math.round(table.rows.length * 0.2);
      printTable([`${name}: ${table.rows.length} rows × ${numFeatures} features, ${table.classes.length} classes; ~${testRows} test rows`, "accuracy", "Δ points vs LR", "macro-F1", "chosen", "training (API)"], rows);
      console.log();
    }
  } finally {
    await api.close();
  }
}
