// The ML layer: the reference results (quality, each beside its classical baseline) and speed:
// one training epoch with adjoint vs parameter-shift gradients, and 1,000 predictions batched vs
// one at a time vs the npm `quantum-circuit` simulator running the same bound circuits.
// Run: npm run bench:ml
import QuantumCircuit from "quantum-circuit";
import { simulate, type Circuit } from "../core/index.ts";
import {
  generatePreferences,
  irisKernel,
  irisRegression,
  irisSplit,
  irisVqc,
  friedman1,
  friedman3,
  irisPetalWidth,
  personalizationExperiment,
  personalizationSplit,
  QuantumRecommender,
  quantumMetrics,
  REGRESSION_CONFIGS,
  REGRESSION_TRAINING,
  ridgeMetrics,
  splitTable,
  startTraining,
  trainRegressor,
  trainBurst,
  type Objective,
} from "../ml/index.ts";
import { anomalyBench } from "./anomaly.ts";
import { portfolioBench } from "./portfolio-qaoa.ts";
import { publicTablesThroughApi } from "./public-tables.ts";
import { formatMs, formatRatio, printTable, time } from "./support/timing.ts";

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const f3 = (x: number) => x.toFixed(3);

console.log("## Quality (fixed splits, seeded)\n");
const vqc = irisVqc();
const kernel = irisKernel();
printTable(
  ["Iris, 45 test flowers", "accuracy", "macro-F1", "log-loss", "ECE (validation)"],
  [
    ["VQC: 4 qubits, RealAmplitudes reps 2", pct(vqc.test.quantum.accuracy), f3(vqc.test.quantum.macroF1), f3(vqc.test.quantum.logLoss), f3(vqc.validation.quantum.ece)],
    ["quantum kernel: ZZ map + kernel ridge", pct(kernel.test.quantum.accuracy), f3(kernel.test.quantum.macroF1), f3(kernel.test.quantum.logLoss), f3(kernel.validation.quantum.ece)],
    ["logistic regression (baseline)", pct(vqc.test.baseline.accuracy), f3(vqc.test.baseline.macroF1), f3(vqc.test.baseline.logLoss), f3(vqc.validation.baseline.ece)],
  ],
);
console.log();
const regression = irisRegression().test;
printTable(
  ["Iris regression: petal width, 45 test flowers", "R²", "MSE", "MAE"],
  [
    ["VQC regressor: 3 qubits, RealAmplitudes reps 2", f3(regression.quantum.r2), f3(regression.quantum.mse), f3(regression.quantum.mae)],
    ["linear regression (baseline)", f3(regression.baseline.r2), f3(regression.baseline.mse), f3(regression.baseline.mae)],
  ],
);
console.log();
// Regression readouts and re-uploading on three tables, the same defaults everywhere (chosen on
// Iris): R², MAE, and the coverage of the 95 % split-conformal band the API attaches to predictions.
const t = REGRESSION_TRAINING;
console.log(`Regression, the API's defaults: RealAmplitudes reps ${t.reps}, Adam ${t.learningRate}, ≤ ${t.epochs} epochs (patience ${t.patience}), batch ${t.batchSize}; a seeded ${Math.round(100 * (1 - t.testFraction - t.validationFraction))}/${Math.round(100 * t.validationFraction)}/${Math.round(100 * t.testFraction)} train/validation/test split`);
for (const table of [irisPetalWidth(), friedman1(), friedman3()]) {
  const split = splitTable(table);
  const ridge = ridgeMetrics(split);
  const rows = REGRESSION_CONFIGS.map((config) => {
    const started = performance.now();
    const trained = trainRegressor(split, config);
    const ms = performance.now() - started;
    const m = quantumMetrics(split, trained);
    return [config.name, f3(m.r2), f3(m.r2 - ridge.r2), f3(m.mae), pct(m.coverage), `${trained.epochs}`, formatMs(ms)];
  });
  printTable([table.name, "R²", "Δ R² vs ridge", "MAE", "95 % band coverage", "epochs", "training"], [...rows, ["ridge regression (baseline)", f3(ridge.r2), "—", f3(ridge.mae), pct(ridge.coverage), "—", "—"]]);
  console.log();
}
console.log("Public tables wider than the default qubit budget, through the GraphQL API with default blueprints and hyperparameters:\n");
await publicTablesThroughApi();
anomalyBench();
console.log();
console.log("Portfolio optimisation (approximation ratio: 1 = the exact optimum, 0 = the worst right-sized portfolio):\n");
portfolioBench();
console.log();
const personal = personalizationExperiment();
printTable(
  ["personalization, 40 users × 8 held-out ratings", "MSE"],
  [
    ["predict the training mean", f3(personal.meanBaselineMse)],
    ["shared 8-qubit recommender", f3(personal.sharedMse)],
    [`after per-user fine-tuning (${personal.usersImproved}/${personal.users} users improved)`, f3(personal.personalMse)],
  ],
);

console.log("\n## Speed\n");
const rows: string[][] = [];

async function epochs(name: string, objective: Objective, params: Float64Array, batchSize: number) {
  const steps = Math.ceil(objective.numExamples / batchSize);
  const epoch = (gradient: "adjoint" | "parameterShift") => () =>
    trainBurst(objective, startTraining(params, { batchSize, gradient, maxEpochs: 1 }), { budgetMs: Infinity, maxSteps: steps });
  const adjoint = await time(epoch("adjoint"), { minRuns: 3, minMs: 500 });
  const shift = await time(epoch("parameterShift"), { minRuns: 2, minMs: 500 });
  rows.push([`${name}: one epoch, adjoint gradients`, formatMs(adjoint.medianMs), ""]);
  rows.push([`${name}: one epoch, parameter-shift gradients`, formatMs(shift.medianMs), `${formatRatio(shift.medianMs / adjoint.medianMs)} slower`]);
}

// Iris VQC: 75 training flowers, batches of 16.
const split = irisSplit();
await epochs("Iris VQC (4 qubits, 12 weights + 4 readout)", vqc.model.objective(split.train), vqc.params, 16);

const thousand = Array.from({ length: 1000 }, (_, i) => split.test.rows[i % split.test.rows.length]!);
const batched = await time(() => vqc.model.probabilities(vqc.params, thousand), { minRuns: 5 });
const boundCircuits = thousand.slice(0, 100).map((row) => boundVqcCircuit(row));
const oneByOne = await time(() => { for (const c of boundCircuits) simulate(c).probabilities(); }, { minRuns: 5 });
// The peer must compute the same thing before its time means anything.
const ours = simulate(boundCircuits[0]!).probabilities(), theirs = runPeer(boundCircuits[0]!);
const worst = Math.max(...Array.from(ours, (p, i) => Math.abs(p - theirs[i]!)));
if (!(worst < 1e-10)) throw new Error(`quantum-circuit disagrees with our engine by ${worst}`);
const peer = await time(() => { for (const c of boundCircuits) runPeer(c); }, { minRuns: 2 });
rows.push(["Iris VQC: 1,000 predictions, batched engine", formatMs(batched.medianMs), ""]);
rows.push(["Iris VQC: 1,000 predictions, one simulate() each", formatMs(oneByOne.medianMs * 10), `${formatRatio((oneByOne.medianMs * 10) / batched.medianMs)} slower`]);
rows.push(["Iris VQC: 1,000 predictions, npm quantum-circuit", formatMs(peer.medianMs * 10), `${formatRatio((peer.medianMs * 10) / batched.medianMs)} slower`]);

// Recommender: 8 qubits (4 user + 4 item), 24 ansatz weights + 16 couplings + bias; 640 ratings, batches of 32.
const data = generatePreferences({ seed: 1 });
const recommender = QuantumRecommender.create(data.userFeatures, data.itemFeatures);
const pairs = personalizationSplit(data).train.flat();
await epochs("recommender (8 qubits, 41 shared parameters)", recommender.sharedObjective(pairs), personal.shared, 32);
const thousandPairs = Array.from({ length: 1000 }, (_, i) => pairs[i % pairs.length]!);
const scores = await time(() => recommender.scores(personal.shared, thousandPairs), { minRuns: 5 });
rows.push(["recommender: 1,000 predictions, batched engine", formatMs(scores.medianMs), ""]);

printTable(["workload", "median", "ratio"], rows);

/** The Iris VQC's circuit with one flower's inputs and the trained weights bound (gates: ry, cx). */
function boundVqcCircuit(row: readonly number[]): Circuit {
  const circuit = vqc.model.quantum.circuit.circuit;
  const inputs = vqc.model.quantum.inputs([row]);
  const values: Record<string, number> = {};
  inputs.forEach((v, k) => { values[`in${k}`] = v; });
  vqc.params.subarray(0, vqc.model.quantum.numWeights).forEach((v, k) => { values[`w${k}`] = v; });
  return circuit.bind(values);
}

function runPeer(circuit: Circuit): Float64Array {
  const qc = new QuantumCircuit(circuit.numQubits);
  for (const op of circuit.operations) {
    if (op.kind !== "gate") continue;
    if (op.gate === "cx") qc.appendGate("cx", [...op.qubits]);
    else qc.appendGate(op.gate, op.qubits[0]!, { params: { theta: op.params[0] as number } });
  }
  qc.run();
  const probabilities = new Float64Array(2 ** circuit.numQubits);
  for (const [index, a] of Object.entries(qc.state)) probabilities[Number(index)] = a.re * a.re + a.im * a.im;
  return probabilities;
}
