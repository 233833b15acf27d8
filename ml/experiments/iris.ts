// The reference Iris experiment: a fixed stratified split (seed 7: 75 train, 30 validation,
// 45 test), a 4-qubit variational classifier and a quantum-kernel classifier, each beside
// logistic regression fitted on the same training rows. Hyperparameters were chosen on the
// validation split only. Used by the tests (thresholds) and bench/ml.ts (the README table).
import { loadIris } from "../data/iris.ts";
import { randomSplit, stratifiedSplit, type Split } from "../data/dataset.ts";
import { compareClassifier, compareRegressor, type Comparison } from "../evaluation.ts";
import type { ClassificationMetrics } from "../metrics/classification.ts";
import type { RegressionMetrics } from "../metrics/regression.ts";
import { VariationalClassifier } from "../models/classifier.ts";
import { QuantumKernelClassifier } from "../models/kernel.ts";
import { VariationalRegressor } from "../models/regressor.ts";
import { startTraining, trainToEnd, type Checkpoint } from "../training/trainer.ts";

export const IRIS_SPLIT_SEED = 7;

export function irisSplit(): Split & { classes: string[] } {
  const iris = loadIris();
  return { ...stratifiedSplit(iris, { test: 0.3, validation: 0.2 }, IRIS_SPLIT_SEED), classes: iris.classes };
}

export interface IrisResult {
  test: Comparison<ClassificationMetrics>;
  validation: Comparison<ClassificationMetrics>;
}

/** VQC: angle encoding (RY, features scaled to [0, π]) → RealAmplitudes(4, reps 2, linear) → softmax over ⟨Z_0..Z_2⟩. */
export function irisVqc(): IrisResult & { model: VariationalClassifier; checkpoint: Checkpoint; params: Float64Array } {
  const split = irisSplit();
  const model = VariationalClassifier.create(split.train.rows, { classes: split.classes, ansatz: { kind: "realAmplitudes", reps: 2, entanglement: "linear" } });
  const checkpoint = trainToEnd(
    model.objective(split.train, split.validation),
    startTraining(model.initialParams(1), { optimizer: { kind: "adam", learningRate: 0.1 }, maxEpochs: 80, patience: 15, batchSize: 16, seed: 1 }),
  );
  const params = Float64Array.from(checkpoint.best.params);
  const probabilities = (rows: readonly (readonly number[])[]) => model.probabilities(params, rows);
  return {
    model,
    checkpoint,
    params,
    test: compareClassifier(probabilities, 3, split.train, split.test),
    validation: compareClassifier(probabilities, 3, split.train, split.validation),
  };
}

/** Quantum kernel: ZZ feature map (reps 2, linear), features scaled to [0, 1], kernel ridge λ = 0.1. */
export function irisKernel(): IrisResult & { model: QuantumKernelClassifier; params: Float64Array } {
  const split = irisSplit();
  const { model, params } = QuantumKernelClassifier.fit(
    split.train,
    { classes: split.classes, encoding: { kind: "zz", numFeatures: 4, reps: 2, entanglement: "linear" }, featureRange: [0, 1], regularization: 0.1 },
    split.validation,
  );
  const probabilities = (rows: readonly (readonly number[])[]) => model.probabilities(params, rows);
  return {
    model,
    params,
    test: compareClassifier(probabilities, 3, split.train, split.test),
    validation: compareClassifier(probabilities, 3, split.train, split.validation),
  };
}

/**
 * Regression on Iris: petal width from the other three measurements (seeded random split: 75 /
 * 30 / 45). A 3-qubit VQC regressor (angle encoding, RealAmplitudes reps 2) beside ridge regression.
 */
export function irisRegression(): { test: Comparison<RegressionMetrics>; model: VariationalRegressor; params: Float64Array } {
  const iris = loadIris();
  const data = { rows: iris.rows.map((r) => r.slice(0, 3)), labels: iris.rows.map((r) => r[3]!) };
  const split = randomSplit(data, { test: 0.3, validation: 0.2 }, 3);
  const model = VariationalRegressor.create(split.train, { ansatz: { kind: "realAmplitudes", reps: 2, entanglement: "linear" } });
  const run = trainToEnd(
    model.objective(split.train, split.validation),
    startTraining(model.initialParams(1), { optimizer: { kind: "adam", learningRate: 0.05 }, maxEpochs: 100, patience: 15, batchSize: 16, seed: 1 }),
  );
  const params = Float64Array.from(run.best.params);
  return { model, params, test: compareRegressor((rows) => model.predictAll(params, rows), split.train, split.test) };
}
