// From a blueprint and a labelled dataset to everything a training job needs: a seeded split
// (stratified for classes), the model fitted to the training rows, its objective, starting
// parameters, and an evaluation that reports test metrics beside the classical baseline.
// Deterministic: the same blueprint, data and seed give the same plan.
import { randomSplit, stratifiedSplit, type Labeled, type Split } from "../data/dataset.ts";
import { compareAnomalyDetector, compareClassifier, compareRegressor, type Comparison } from "../evaluation.ts";
import type { AnomalyMetrics } from "../metrics/anomaly.ts";
import { QuantumKernelAnomalyDetector, type AnomalySelection } from "../models/anomaly.ts";
import type { ClassificationMetrics } from "../metrics/classification.ts";
import type { RegressionMetrics } from "../metrics/regression.ts";
import { blueprintKernelOptions, hasClasses, modelFromBlueprint, type Blueprint, type BlueprintModel } from "../models/blueprint.ts";
import { VariationalClassifier } from "../models/classifier.ts";
import { QuantumKernelClassifier, type KernelFeatureMap } from "../models/kernel.ts";
import { selectKernel, type KernelSelection } from "../models/kernel-selection.ts";
import { QuantumRecommender } from "../models/recommender.ts";
import { VariationalRegressor } from "../models/regressor.ts";
import type { ModelSpec } from "../models/serialization.ts";
import type { NoisyRun } from "../../core/index.ts";
import { calibrateRegression, stopAndCalibrate, type RegressionCalibration } from "../uncertainty.ts";
import type { Objective } from "./objective.ts";

export interface PlanOptions {
  seed: number;
  testFraction: number;
  validationFraction: number;
  /** Kernel models: the training Gram matrix, computed elsewhere (e.g. sharded over workers; see kernelGramJob). */
  kernelGram?: Float64Array;
  /** Kernel models with bandwidth "auto": the grid's choice (see selectKernelFor), reported with the metrics. */
  kernelSelection?: KernelSelection;
  /** Variational classifiers and regressors: train, stop early and evaluate under this noise, simulated as it says. */
  noisyRun?: NoisyRun;
}

export interface Evaluation {
  test: Comparison<ClassificationMetrics> | Comparison<RegressionMetrics> | Comparison<AnomalyMetrics>;
  split: { train: number; validation: number; test: number };
  /** Regressors: the 95 % band every prediction gets (split conformal on the validation split), and its test coverage. */
  calibration?: RegressionCalibration;
  /** Kernel models: the bandwidth and λ used (and how they were chosen), and the training kernel's alignment with the labels. */
  kernel?: { bandwidth: number; regularization: number; alignment: number | null; selection: KernelSelection | null };
  /** Anomaly detectors: the threshold and the false-positive rate it was set for, and how the bandwidth was chosen. */
  anomaly?: { threshold: number; falsePositiveRate: number; bandwidth: number; selection: AnomalySelection };
  /** Models with a reduction: the components kept and the share of the training variance they hold. */
  reduction?: { components: number; explainedVariance: number; chosenBy: "user" | "default" };
}

export interface TrainingPlan {
  model: BlueprintModel;
  spec: ModelSpec;
  split: Split;
  /** Null when fitting is closed-form (kernel models): `fittedParams` are final. */
  objective: Objective | null;
  initialParams: Float64Array;
  evaluate(params: Float64Array): Evaluation;
}

function planSplit(blueprint: Blueprint, data: Labeled, options: PlanOptions): Split {
  const classifies = hasClasses(blueprint.task);
  const fractions = { test: options.testFraction, validation: options.validationFraction };
  const split = classifies ? stratifiedSplit(data, fractions, options.seed) : randomSplit(data, fractions, options.seed);
  if (split.train.rows.length < 2) throw new Error(`only ${split.train.rows.length} training example(s) after the split; add more data`);
  return split;
}

/**
 * For a kernel model: the Gram matrix the plan will need, as a job for someone else to compute
 * (rows × rows of the training split under the fitted feature map); null for other models.
 */
export function kernelGramJob(blueprint: Blueprint, data: Labeled, options: PlanOptions): { map: KernelFeatureMap; rows: number[][] } | null {
  if (blueprint.task !== "KERNEL_CLASSIFICATION") return null;
  const { train } = planSplit(blueprint, data, options);
  return { map: QuantumKernelClassifier.featureMap(train, blueprintKernelOptions(blueprint)), rows: train.rows };
}

/**
 * A kernel blueprint whose bandwidth is "auto": its bandwidth and λ chosen on the validation split,
 * fitting on at most `maxTrainRows` training rows (null for any other blueprint).
 */
export function selectKernelFor(blueprint: Blueprint, data: Labeled, options: PlanOptions, maxTrainRows: number): KernelSelection | null {
  if (blueprint.task !== "KERNEL_CLASSIFICATION" || blueprint.bandwidth !== "auto") return null;
  const { train, validation } = planSplit(blueprint, data, options);
  return selectKernel(train, validation, blueprintKernelOptions(blueprint), maxTrainRows);
}

/** The blueprint with a selection's bandwidth and λ in place of "auto". */
export function withKernelSelection(blueprint: Blueprint, selection: KernelSelection): Blueprint {
  return { ...blueprint, bandwidth: selection.bandwidth, regularization: selection.regularization };
}

export function trainingPlan(blueprint: Blueprint, data: Labeled, options: PlanOptions): TrainingPlan {
  const split = planSplit(blueprint, data, options);
  const { model, fittedParams, anomalySelection } = modelFromBlueprint(blueprint, split.train, split.validation, options.kernelGram);
  const sizes = { train: split.train.rows.length, validation: split.validation.rows.length, test: split.test.rows.length };
  const reduce = !blueprint.reduce ? undefined : "quantum" in model ? model.quantum.scaler.spec.reduce : "scaler" in model ? model.scaler.spec.reduce : undefined;
  const reduction = blueprint.reduce && reduce
    ? { reduction: { components: blueprint.reduce.components, explainedVariance: reduce.explainedVariance.reduce((a, b) => a + b, 0), chosenBy: blueprint.reduce.chosenBy } }
    : {};
  const evaluation = (test: Evaluation["test"]): Evaluation => ({ test, split: sizes, ...reduction });
  const K = blueprint.classes.length;
  if (model instanceof QuantumKernelClassifier) {
    const kernel = {
      bandwidth: model.spec.bandwidth ?? 1,
      regularization: model.spec.regularization,
      alignment: model.spec.alignment ?? null,
      selection: options.kernelSelection ?? null,
    };
    return {
      model, spec: model.toJSON(), split, objective: null, initialParams: fittedParams!,
      evaluate: (params) => ({ ...evaluation(compareClassifier((rows) => model.probabilities(params, rows), K, split.train, split.test)), kernel }),
    };
  }
  if (model instanceof QuantumKernelAnomalyDetector) {
    const { threshold, falsePositiveRate, bandwidth } = model.spec;
    const anomaly = { threshold, falsePositiveRate, bandwidth, selection: anomalySelection! };
    return {
      model, spec: model.toJSON(), split, objective: null, initialParams: fittedParams!,
      evaluate: (params) => ({
        ...evaluation(compareAnomalyDetector((rows) => model.scores(params, rows), threshold, falsePositiveRate, split.train, split.validation, split.test)),
        anomaly,
      }),
    };
  }
  if (model instanceof VariationalClassifier) {
    return {
      model, spec: model.toJSON(), split, objective: model.objective(split.train, split.validation, options.noisyRun), initialParams: model.initialParams(options.seed),
      evaluate: (params) => evaluation(compareClassifier((rows) => model.probabilities(params, rows, options.noisyRun), K, split.train, split.test)),
    };
  }
  if (model instanceof VariationalRegressor) {
    // Half the validation rows choose the stopping epoch; the other half, never fitted to, calibrate the band.
    const { stop, calibrate } = stopAndCalibrate(split.validation);
    return {
      model, spec: model.toJSON(), split, objective: model.objective(split.train, stop, options.noisyRun), initialParams: model.initialParams(options.seed),
      evaluate: (params) => {
        const predict = (rows: readonly (readonly number[])[]) => model.predictAll(params, rows, options.noisyRun);
        return { ...evaluation(compareRegressor(predict, split.train, split.test)), calibration: calibrateRegression(predict, calibrate, split.test) };
      },
    };
  }
  const du = blueprint.numFeatures;
  const pairs = (d: Labeled) => d.rows.map((row, i) => ({ user: row.slice(0, du), item: row.slice(du), rating: d.labels[i]! }));
  const recommender = model as QuantumRecommender;
  return {
    model, spec: recommender.toJSON(), split, objective: recommender.sharedObjective(pairs(split.train), pairs(split.validation)), initialParams: recommender.initialParams(options.seed),
    evaluate: (params) =>
      evaluation(compareRegressor((rows) => recommender.scores(params, rows.map((r) => ({ user: r.slice(0, du), item: r.slice(du) }))), split.train, split.test)),
  };
}
