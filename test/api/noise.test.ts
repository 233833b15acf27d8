// simulate under noise over GraphQL over HTTP: a depolarized Bell pair against its closed form by
// both methods, readout error against its confusion matrix in probabilities and seeded counts, and
// every bad rule named at its path, with no work done.
import { beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../config/index.ts";
import { loadIris } from "../../ml/index.ts";
import { irisCsv } from "../support/csv.ts";
import { graphql, signUp } from "../support/graphql.ts";

const BELL = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n';
const SIMULATE = `query ($input: SimulateInput!) { simulate(input: $input) {
  __typename
  ... on Simulation { noise { method trajectories } probabilities { bitstring probability } counts { bitstring count } expectations { observable value standardError } }
  ... on ValidationError { issues { path message } }
  ... on CircuitError { code reason message } } }`;
const STATEVECTOR = `query ($input: SimulateInput!) { simulate(input: $input) { ... on Simulation { statevector { re } } } }`;

let apiKey: string;
const simulate = async (input: Record<string, unknown>) => (await graphql(SIMULATE, { input }, { apiKey })).body.data!.simulate;

beforeAll(async () => {
  ({ apiKey } = await signUp("Noise"));
});

describe("simulate with noise", () => {
  it("a depolarized Bell pair: ⟨ZZ⟩ = (1 − p)² exactly by the density matrix, within 3 standard errors by trajectories", async () => {
    const p = 0.05;
    const noise = { depolarizing: [{ probability: p }] };
    const exact = await simulate({ qasm: BELL, observables: ["Z0 Z1", "X0 X1"], noise });
    expect(exact.noise).toEqual({ method: "DENSITY_MATRIX", trajectories: 0 }); // AUTO: 2 qubits are cheapest exactly
    expect(exact.expectations[0].value).toBeCloseTo((1 - p) ** 2, 12);
    expect(exact.expectations[1].value).toBeCloseTo((1 - p) ** 3, 12);
    expect(exact.expectations[0].standardError).toBe(0);
    const sampled = await simulate({ qasm: BELL, observables: ["Z0 Z1"], noise: { ...noise, method: "TRAJECTORIES", trajectories: 4000 }, seed: 5 });
    expect(sampled.noise).toEqual({ method: "TRAJECTORIES", trajectories: 4000 });
    const { value, standardError } = sampled.expectations[0];
    expect(standardError).toBeGreaterThan(0);
    expect(Math.abs(value - (1 - p) ** 2)).toBeLessThanOrEqual(3 * standardError);
  });

  it("readout error: probabilities are the confusion matrix's, and seeded counts follow them", async () => {
    const qasm = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\ncreg c[1];\nx q[0];\nmeasure q[0] -> c[0];\n';
    const result = await simulate({ qasm, shots: 10_000, seed: 1, noise: { readout: [{ p01: 0.02, p10: 0.08 }] } });
    expect(result.probabilities).toEqual([{ bitstring: "0", probability: expect.closeTo(0.08, 12) }, { bitstring: "1", probability: expect.closeTo(0.92, 12) }]);
    const zeros = result.counts.find((c: { bitstring: string }) => c.bitstring === "0").count;
    expect(Math.abs(zeros / 10_000 - 0.08)).toBeLessThan(4 * Math.sqrt((0.08 * 0.92) / 10_000));
    const again = await simulate({ qasm, shots: 10_000, seed: 1, noise: { readout: [{ p01: 0.02, p10: 0.08 }] } });
    expect(again.counts).toEqual(result.counts);
  });

  it("names every bad rule at its path, refuses the statevector, and the density matrix past 10 qubits", async () => {
    const refused = await simulate({ qasm: BELL, noise: { depolarizing: [{ probability: 1.5 }, { probability: 0.1, gates: ["warp"], qubits: [7] }], trajectories: 0 } });
    expect(refused.issues).toEqual(expect.arrayContaining([
      { path: ["input", "noise", "depolarizing", "0", "probability"], message: "must be between 0 and 1" },
      { path: ["input", "noise", "trajectories"], message: `must be between 1 and ${limits.simulation.maxTrajectories}` },
    ]));
    const unknown = await simulate({ qasm: BELL, noise: { depolarizing: [{ probability: 0.1, gates: ["warp"], qubits: [7] }] } });
    expect(unknown.issues).toEqual([
      { path: ["input", "noise", "depolarizing", "0", "gates", "0"], message: '"warp" is not a gate of the standard library (e.g. h, x, rz, cx, cz, swap)' },
      { path: ["input", "noise", "depolarizing", "0", "qubits", "0"], message: "the circuit has 2 qubit(s) (0–1)" },
    ]);
    const statevector = await graphql(STATEVECTOR, { input: { qasm: BELL, noise: { depolarizing: [{ probability: 0.1 }] } } }, { apiKey });
    expect(statevector.body.errors?.[0]?.message).toContain("a noisy simulation has no single final state");
    const wide = `OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[11];\nh q[0];\n`;
    const tooWide = await simulate({ qasm: wide, noise: { depolarizing: [{ probability: 0.1 }], method: "DENSITY_MATRIX" } });
    expect(tooWide).toMatchObject({ __typename: "CircuitError", code: "INVALID_CIRCUIT", reason: "LIMIT_EXCEEDED" });
    expect(tooWide.message).toContain("at most 10 qubits");
  });
});

describe("predict with noise", () => {
  const PREDICT = `mutation ($m: ID!, $rows: [FeatureRow!]!, $options: PredictOptions) { predictBatch(modelId: $m, rows: $rows, options: $options) {
    __typename ... on PredictPayload { predictions { label value probabilities { probability } interval { low high source } } } ... on ValidationError { issues { path message } } } }`;
  const as = (query: string, variables: Record<string, unknown>) => graphql(query, variables, { apiKey }).then((r) => { if (!r.body.data) throw new Error(JSON.stringify(r.body.errors)); return r.body.data; });
  let modelId: string;
  const iris = loadIris();
  const rows = [iris.rows[0]!, iris.rows[60]!, iris.rows[120]!].map((features) => ({ features }));

  beforeAll(async () => {
    const dataset = (await as(`mutation ($input: ImportDatasetInput!) { importDataset(input: $input) { ... on DatasetPayload { dataset { id } } } }`, {
      input: { name: "iris", kind: "CLASSIFICATION", numFeatures: 4, classes: iris.classes, csv: irisCsv() },
    })).importDataset.dataset.id;
    modelId = (await as(`mutation ($input: CreateModelInput!) { createModel(input: $input) { ... on CreateModelPayload { model { id } } } }`, {
      input: { name: "noisy iris", task: "CLASSIFICATION", numFeatures: 4, classes: iris.classes },
    })).createModel.model.id;
    const job = (await as(`mutation ($m: ID!, $d: ID!) { startTraining(modelId: $m, datasetId: $d, hyperparameters: { epochs: 5 }) { ... on TrainingJobPayload { job { id } } } }`, { m: modelId, d: dataset })).startTraining.job.id;
    let status = "QUEUED";
    for (let i = 0; i < 40 && status !== "SUCCEEDED"; i++) status = (await as(`query ($id: ID!) { trainingJob(id: $id) { ... on TrainingJob { status } } }`, { id: job })).trainingJob.status;
    expect(status).toBe("SUCCEEDED");
  });

  it("zero noise changes nothing; full depolarization leaves the circuit saying nothing (every row the same answer)", async () => {
    const clean = (await as(PREDICT, { m: modelId, rows, options: { store: false } })).predictBatch.predictions;
    const zero = (await as(PREDICT, { m: modelId, rows, options: { store: false, noise: { depolarizing: [{ probability: 0 }] } } })).predictBatch.predictions;
    zero.forEach((p: { value: number }, i: number) => expect(p.value).toBeCloseTo(clean[i].value, 12));
    const full = (await as(PREDICT, { m: modelId, rows, options: { store: false, noise: { depolarizing: [{ probability: 1 }] } } })).predictBatch.predictions;
    for (const p of full) expect(p.probabilities.map((q: { probability: number }) => q.probability)).toEqual(full[0].probabilities.map((q: { probability: number }) => expect.closeTo(q.probability, 12)));
  });

  it("simulates the readout as asked: a few trajectories estimate what the density matrix gives exactly", async () => {
    const ask = async (noise: Record<string, unknown>) => (await as(PREDICT, { m: modelId, rows: rows.slice(0, 1), options: { store: false, seed: 2, noise: { depolarizing: [{ probability: 0.2 }], ...noise } } })).predictBatch.predictions[0].value;
    const exact = await ask({ method: "DENSITY_MATRIX" });
    expect(await ask({})).toBeCloseTo(exact, 12); // AUTO: 4 qubits are cheapest exactly
    const sampled = await ask({ method: "TRAJECTORIES", trajectories: 5 });
    expect(sampled).not.toBeCloseTo(exact, 6);
    expect(await ask({ method: "TRAJECTORIES", trajectories: 5 })).toBe(sampled); // seeded
  });

  it("trains for a noisy device: the job runs under the noise model and the version's metrics say which; bad rules and kernel models are refused before queueing", async () => {
    const noise = { depolarizing: [{ probability: 0.02 }], amplitudeDamping: [{ probability: 0.03, gates: ["cx"] }] };
    const START = `mutation ($m: ID!, $d: ID!, $hp: HyperparametersInput) { startTraining(modelId: $m, datasetId: $d, hyperparameters: $hp) {
      __typename ... on TrainingJobPayload { job { id } } ... on ValidationError { issues { path message } } } }`;
    const datasets = (await as(`{ me { datasets(first: 5) { edges { node { id name } } } } }`, {})).me.datasets.edges.map((e: { node: { id: string } }) => e.node.id);
    const job = (await as(START, { m: modelId, d: datasets[0], hp: { epochs: 2, noise } })).startTraining.job.id;
    let state = { status: "QUEUED", metrics: null as Record<string, any> | null };
    for (let i = 0; i < 60 && (state.status === "QUEUED" || state.status === "RUNNING"); i++) state = (await as(`query ($id: ID!) { trainingJob(id: $id) { ... on TrainingJob { status metrics } } }`, { id: job })).trainingJob;
    expect(state.status).toBe("SUCCEEDED");
    expect(state.metrics!.noise).toEqual(noise);
    expect(state.metrics!.test.quantum.accuracy).toBeGreaterThan(0.5);
    const bad = (await as(START, { m: modelId, d: datasets[0], hp: { noise: { depolarizing: [{ probability: 0.1, gates: ["warp"] }] } } })).startTraining;
    expect(bad.issues).toEqual([{ path: ["hyperparameters", "noise", "depolarizing", "0", "gates", "0"], message: '"warp" is not a gate of the standard library (e.g. h, x, rz, cx, cz, swap)' }]);
    const kernel = (await as(`mutation ($input: CreateModelInput!) { createModel(input: $input) { ... on CreateModelPayload { model { id } } } }`, {
      input: { name: "noisy kernel", task: "KERNEL_CLASSIFICATION", numFeatures: 4, classes: iris.classes },
    })).createModel.model.id;
    const refused = (await as(START, { m: kernel, d: datasets[0], hp: { noise } })).startTraining;
    expect(refused.issues).toEqual([{ path: ["hyperparameters", "noise"], message: "training under noise is for variational classifiers and regressors" }]);
  });

  it("noise with shots draws the shots from the noisy readout and reports their interval; explanations and kernels are refused", async () => {
    const noisy = (await as(PREDICT, { m: modelId, rows: rows.slice(0, 1), options: { store: false, shots: 2000, seed: 3, noise: { depolarizing: [{ probability: 0.05 }], readout: [{ p01: 0.02, p10: 0.02 }] } } })).predictBatch.predictions[0];
    expect(noisy.interval.source).toBe("SHOTS");
    expect(noisy.interval.low).toBeLessThanOrEqual(noisy.value);
    const explained = (await as(PREDICT, { m: modelId, rows: rows.slice(0, 1), options: { explain: true, noise: { depolarizing: [{ probability: 0.05 }] } } })).predictBatch;
    expect(explained.issues).toEqual([{ path: ["options", "explain"], message: "explanations differentiate the noiseless circuit: ask without noise" }]);
  });
});
