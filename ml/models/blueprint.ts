// A blueprint is what a user asks for before there is any data: the task, the encoding, the
// ansatz, the readout. Training turns it into a model spec by fitting what depends on data (the
// feature scaler, the kernel's support set). Plain JSON with a version field.
import type { Circuit } from "../../core/index.ts";
import type { AnsatzKind } from "../ansatzes/index.ts";
import type { Entanglement } from "../ansatzes/entanglement.ts";
import type { Labeled } from "../data/dataset.ts";
import type { ReduceOptions } from "../scaling.ts";
import { encodingQubits } from "../encodings/index.ts";
import type { ClassificationLoss } from "../training/losses.ts";
import { QuantumKernelAnomalyDetector, type AnomalySelection } from "./anomaly.ts";
import { VariationalClassifier } from "./classifier.ts";
import { QuantumKernelClassifier, type KernelOptions } from "./kernel.ts";
import { QuantumRecommender } from "./recommender.ts";
import { VariationalRegressor, type RegressionLoss, type RegressionReadout } from "./regressor.ts";

export type Task = "CLASSIFICATION" | "REGRESSION" | "KERNEL_CLASSIFICATION" | "RECOMMENDATION" | "ANOMALY_DETECTION";

export interface Blueprint {
  version: 1;
  task: Task;
  /** Features per example; for RECOMMENDATION, the user features (items have itemFeatures). */
  numFeatures: number;
  itemFeatures: number | null;
  /** Class names (classification tasks). */
  classes: string[];
  encoding: { kind: "angle" | "zz" | "iqp" | "amplitude"; reps: number; entanglement: Entanglement; rotation: "rx" | "ry" | "rz" };
  ansatz: { kind: AnsatzKind; reps: number; entanglement: Entanglement };
  /** Classifiers: softmax or parity. Regressors: linear, linearPairs or z0 (a regression blueprint saved before regression readouts says "softmax": z0). */
  readout: "softmax" | "parity" | RegressionReadout;
  /** Classifiers: crossEntropy, mse, hinge. Regressors: mse or huber (older regression blueprints say "crossEntropy": mse). */
  loss: ClassificationLoss | RegressionLoss;
  /** Data re-uploading (variational classifiers and regressors). Absent: false. */
  reupload?: boolean;
  /** The range features are scaled onto (angles). */
  featureRange: [number, number];
  /** Kernel ridge λ (KERNEL_CLASSIFICATION); with `bandwidth: "auto"`, the grid's choice replaces it. */
  regularization: number;
  /**
   * Reduce the features before encoding them: PCA onto `components` (fitted on the training split).
   * `chosenBy: "default"` when the API picked it for a table wider than the default qubit budget. Absent: none.
   */
  reduce?: { kind: "pca"; components: number; chosenBy: "user" | "default" };
  /** Kernel bandwidth: a factor on the encoding angles; "auto" chooses it (with λ) on the validation split. Absent: 1. */
  bandwidth?: number | "auto";
  /** ANOMALY_DETECTION: the share of normal rows the threshold may flag (set on the validation split). */
  falsePositiveRate?: number;
}

/** Tasks whose model is a fidelity kernel of the encoding (no ansatz; a bandwidth; up to maxKernelQubits). */
export function usesFidelityKernel(task: Task): boolean {
  return task === "KERNEL_CLASSIFICATION" || task === "ANOMALY_DETECTION";
}

/** Tasks that predict a class name from a CLASSIFICATION dataset's classes. */
export function hasClasses(task: Task): boolean {
  return task === "CLASSIFICATION" || usesFidelityKernel(task);
}

/** Features the encoding receives: the components with a reduction, else every feature. */
export function encodedFeatures(b: Blueprint): number {
  return b.reduce?.components ?? b.numFeatures;
}

/** Qubits the blueprint's circuit needs. */
export function blueprintQubits(b: Blueprint): number {
  if (b.task === "RECOMMENDATION") return b.numFeatures + (b.itemFeatures ?? 0);
  return encodingQubits(b.encoding.kind, encodedFeatures(b));
}

export type BlueprintModel = VariationalClassifier | VariationalRegressor | QuantumKernelClassifier | QuantumRecommender | QuantumKernelAnomalyDetector;

/**
 * The untrained model for a blueprint, fitted to `train` where a model needs data (scalers; the
 * kernel model is fitted completely, its "training" being one linear solve). For RECOMMENDATION,
 * rows are user features followed by item features.
 */
export function modelFromBlueprint(b: Blueprint, train: Labeled, validation?: Labeled, kernelGram?: Float64Array): { model: BlueprintModel; fittedParams?: Float64Array; anomalySelection?: AnomalySelection } {
  const encoding = blueprintEncoding(b);
  switch (b.task) {
    case "CLASSIFICATION":
      return {
        model: VariationalClassifier.create(train.rows, {
          classes: b.classes,
          encoding,
          ansatz: { ...b.ansatz, numQubits: blueprintQubits(b) },
          readout: b.readout as "softmax" | "parity",
          loss: b.loss as ClassificationLoss,
          featureRange: b.featureRange,
          reupload: b.reupload ?? false,
          reduce: reduceOptions(b),
        }),
      };
    case "REGRESSION":
      return {
        model: VariationalRegressor.create(train, {
          encoding,
          ansatz: { ...b.ansatz, numQubits: blueprintQubits(b) },
          featureRange: b.featureRange,
          readout: regressionReadout(b.readout),
          loss: b.loss === "huber" ? "huber" : "mse",
          reupload: b.reupload ?? false,
          reduce: reduceOptions(b),
        }),
      };
    case "KERNEL_CLASSIFICATION": {
      const { model, params } = QuantumKernelClassifier.fit(train, blueprintKernelOptions(b), validation, kernelGram);
      return { model, fittedParams: params };
    }
    case "ANOMALY_DETECTION": {
      const { model, params, selection } = QuantumKernelAnomalyDetector.fit(train, validation ?? { rows: [], labels: [] }, {
        classes: b.classes,
        encoding: blueprintEncoding(b),
        featureRange: b.featureRange,
        reduce: reduceOptions(b),
        bandwidth: b.bandwidth ?? "auto",
        falsePositiveRate: b.falsePositiveRate ?? 0.05,
      });
      return { model, fittedParams: params, anomalySelection: selection };
    }
    case "RECOMMENDATION": {
      const users = train.rows.map((r) => r.slice(0, b.numFeatures));
      const items = train.rows.map((r) => r.slice(b.numFeatures));
      return { model: QuantumRecommender.create(users, items, { ...b.ansatz, numQubits: blueprintQubits(b) }) };
    }
  }
}

/** A regression blueprint's readout; those saved before regression readouts existed carry a classifier's ("softmax"): Z0 alone, as they trained then. */
function regressionReadout(readout: Blueprint["readout"]): RegressionReadout {
  return readout === "linear" || readout === "linearPairs" ? readout : "z0";
}

/** A kernel blueprint's options for QuantumKernelClassifier ("auto" bandwidth: 1 until a selection replaces it). */
export function blueprintKernelOptions(b: Blueprint): KernelOptions {
  const bandwidth = typeof b.bandwidth === "number" ? b.bandwidth : 1;
  return { classes: b.classes, encoding: blueprintEncoding(b), featureRange: b.featureRange, regularization: b.regularization, bandwidth, reduce: reduceOptions(b) };
}

function reduceOptions(b: Blueprint): ReduceOptions | null {
  return b.reduce ? { kind: "pca", components: b.reduce.components } : null;
}

/** The parameterised circuit a model runs (inputs `in<k>`, weights `w<k>`). */
export function modelCircuit(model: BlueprintModel): Circuit {
  if (model instanceof VariationalClassifier || model instanceof VariationalRegressor) return model.quantum.circuit.circuit;
  return model.circuit.circuit;
}

/**
 * The circuit a blueprint will run, before any data: its structure does not depend on fitted
 * values, so a two-row placeholder fit is enough to build it.
 */
export function blueprintCircuit(b: Blueprint): Circuit {
  const width = b.numFeatures + (b.itemFeatures ?? 0);
  const placeholder: Labeled = { rows: [new Array(width).fill(0), new Array(width).fill(1)], labels: b.task === "ANOMALY_DETECTION" ? [0, 0] : [0, 1] };
  return modelCircuit(modelFromBlueprint(b, placeholder).model);
}

function blueprintEncoding(b: Blueprint) {
  const n = encodedFeatures(b);
  switch (b.encoding.kind) {
    case "angle": return { kind: "angle" as const, numFeatures: n, rotation: b.encoding.rotation };
    case "zz": return { kind: "zz" as const, numFeatures: n, reps: b.encoding.reps, entanglement: b.encoding.entanglement };
    case "iqp": return { kind: "iqp" as const, numFeatures: n, reps: b.encoding.reps };
    case "amplitude": return { kind: "amplitude" as const, numFeatures: n };
  }
}
