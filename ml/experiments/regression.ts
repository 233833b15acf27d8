// Regression benchmarks: three tables, each split once (seeded), trained with the same default
// hyperparameters, the quantum regressor in several configurations beside ridge regression on the
// same split. The tables:
//  - Iris petal width from the other three measurements (150 flowers; Fisher 1936, public domain);
//  - Friedman #1 (Friedman 1991, "Multivariate adaptive regression splines"; scikit-learn's
//    make_friedman1): 10 uniform features of which 5 matter, y = 10 sin(π x₁x₂) + 20(x₃ − ½)² +
//    10x₄ + 5x₅ + N(0, 1); generated here, seeded;
//  - Friedman #3 (same paper, make_friedman3): 4 features on physical ranges, y = atan((x₂x₃ −
//    1/(x₂x₄)) / x₁) + N(0, 0.1²); generated here, seeded.
import { Rng } from "../../core/index.ts";
import { randomSplit, type Labeled, type Split } from "../data/dataset.ts";
import { loadIris } from "../data/iris.ts";
import { LinearRegression } from "../baselines/linear-regression.ts";
import { regressionMetrics, type RegressionMetrics } from "../metrics/regression.ts";
import { VariationalRegressor, type RegressionLoss, type RegressionReadout } from "../models/regressor.ts";
import { startTraining, trainToEnd } from "../training/trainer.ts";
import { calibrateRegression, stopAndCalibrate } from "../uncertainty.ts";

export interface RegressionTable {
  name: string;
  data: Labeled;
}

export function irisPetalWidth(): RegressionTable {
  const iris = loadIris();
  return { name: "Iris petal width (150 × 3)", data: { rows: iris.rows.map((r) => r.slice(0, 3)), labels: iris.rows.map((r) => r[3]!) } };
}

export function friedman1(n = 300, seed = 11): RegressionTable {
  const rng = new Rng(seed);
  const rows: number[][] = [], labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = Array.from({ length: 10 }, () => rng.nextFloat());
    rows.push(x);
    labels.push(10 * Math.sin(Math.PI * x[0]! * x[1]!) + 20 * (x[2]! - 0.5) ** 2 + 10 * x[3]! + 5 * x[4]! + rng.nextNormal());
  }
  return { name: `Friedman #1 (${n} × 10)`, data: { rows, labels } };
}

export function friedman3(n = 300, seed = 13): RegressionTable {
  const rng = new Rng(seed);
  const rows: number[][] = [], labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = [100 * rng.nextFloat(), 40 * Math.PI + 520 * Math.PI * rng.nextFloat(), rng.nextFloat(), 1 + 10 * rng.nextFloat()];
    rows.push(x);
    labels.push(Math.atan((x[1]! * x[2]! - 1 / (x[1]! * x[3]!)) / x[0]!) + 0.1 * rng.nextNormal());
  }
  return { name: `Friedman #3 (${n} × 4)`, data: { rows, labels } };
}

export interface RegressionConfig {
  name: string;
  readout: RegressionReadout;
  reupload: boolean;
  loss?: RegressionLoss;
}

export const REGRESSION_CONFIGS: RegressionConfig[] = [
  { name: "⟨Z₀⟩ readout (before)", readout: "z0", reupload: false },
  { name: "Σ wₖ⟨Zₖ⟩ readout", readout: "linear", reupload: false },
  { name: "Σ wₖ⟨Zₖ⟩ + re-uploading", readout: "linear", reupload: true },
  { name: "+ ⟨ZₖZₖ₊₁⟩ pairs, re-uploading", readout: "linearPairs", reupload: true },
];

/** What every table gets: the API's defaults (startTraining with no hyperparameters, a default blueprint). */
export const REGRESSION_TRAINING = { epochs: 40, patience: 10, batchSize: 16, learningRate: 0.05, reps: 2, seed: 1, testFraction: 0.2, validationFraction: 0.2 };

export function splitTable(table: RegressionTable): Split {
  return randomSplit(table.data, { test: REGRESSION_TRAINING.testFraction, validation: REGRESSION_TRAINING.validationFraction }, 3);
}

export function trainRegressor(split: Split, config: RegressionConfig): { model: VariationalRegressor; params: Float64Array; epochs: number } {
  const t = REGRESSION_TRAINING;
  const model = VariationalRegressor.create(split.train, {
    ansatz: { kind: "realAmplitudes", reps: t.reps, entanglement: "linear" },
    readout: config.readout,
    reupload: config.reupload,
    loss: config.loss ?? "mse",
  });
  const run = trainToEnd(
    model.objective(split.train, stopAndCalibrate(split.validation).stop),
    startTraining(model.initialParams(t.seed), { optimizer: { kind: "adam", learningRate: t.learningRate }, maxEpochs: t.epochs, patience: t.patience, batchSize: t.batchSize, seed: t.seed }),
  );
  return { model, params: Float64Array.from(run.best.params), epochs: run.epoch };
}

/** Test metrics, and the coverage of the 95 % split-conformal band calibrated on the validation split. */
export type BenchMetrics = RegressionMetrics & { coverage: number };

type Predict = (rows: readonly (readonly number[])[]) => ArrayLike<number>;

/** A model's test metrics and its band's test coverage, calibrated as the API calibrates it. */
function benchMetrics(split: Split, predict: Predict): BenchMetrics {
  const coverage = calibrateRegression(predict, stopAndCalibrate(split.validation).calibrate, split.test).testCoverage;
  return { ...regressionMetrics(split.test.labels, predict(split.test.rows)), coverage };
}

export function ridgeMetrics(split: Split): BenchMetrics {
  const ridge = LinearRegression.fit(split.train.rows, split.train.labels, { l2: 1e-3 });
  return benchMetrics(split, (rows) => ridge.predict(rows));
}

export function quantumMetrics(split: Split, trained: { model: VariationalRegressor; params: Float64Array }): BenchMetrics {
  return benchMetrics(split, (rows) => trained.model.predictAll(trained.params, rows));
}
