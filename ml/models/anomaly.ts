// Anomaly detection with a quantum kernel: a kernel density over the normal training rows in the
// fidelity kernel's feature space. A row's score is −log of its mean fidelity to them: high when
// the row's state is far from every normal row's. The encoding's bandwidth is chosen on the
// validation split (ROC-AUC, when it holds both kinds of row), and the threshold is set so that a
// chosen share of the validation split's normal rows is flagged (the target false-positive rate).
// Stored parameters: the support rows' circuit inputs (N × numInputs).
import type { StateVector } from "../../core/index.ts";
import type { Labeled } from "../data/dataset.ts";
import type { Encoding, EncodingSpec } from "../encodings/index.ts";
import { rocAuc } from "../metrics/classification.ts";
import { averagePrecision, thresholdForFalsePositiveRate } from "../metrics/anomaly.ts";
import type { FeatureScaler, ReduceOptions, ScalerSpec } from "../scaling.ts";
import type { VariationalCircuit } from "../variational-circuit.ts";
import { FeatureStates, fidelity } from "./feature-states.ts";
import { KERNEL_BANDWIDTHS } from "./kernel-selection.ts";
import { QuantumKernelClassifier } from "./kernel.ts";

export interface AnomalySpec {
  version: 1;
  kind: "anomaly";
  /** [the normal class, the anomaly class]. */
  classes: string[];
  encoding: EncodingSpec;
  scaler: ScalerSpec;
  bandwidth: number;
  /** Scores at or above it are flagged. */
  threshold: number;
  falsePositiveRate: number;
  numSupport: number;
}

export interface AnomalyOptions {
  classes: string[];
  encoding?: EncodingSpec;
  featureRange?: [number, number];
  reduce?: ReduceOptions | null;
  /** A fixed bandwidth, or "auto" (default): the grid's best validation ROC-AUC. */
  bandwidth?: number | "auto";
  /** Share of normal rows the threshold may flag (default 0.05). */
  falsePositiveRate?: number;
}

export interface AnomalySelection {
  bandwidth: number;
  /** "validationRocAuc", or "default" when the validation split lacks anomalies or normal rows. */
  criterion: "validationRocAuc" | "default";
  grid: { bandwidth: number; rocAuc: number | null; prAuc: number | null }[];
}

export interface AnomalyVerdict {
  label: string;
  score: number;
  anomalous: boolean;
}

/** The bandwidth used when the validation split cannot choose one. */
export const DEFAULT_ANOMALY_BANDWIDTH = 0.5;

export class QuantumKernelAnomalyDetector {
  readonly features: FeatureStates;
  readonly encoding: Encoding;
  readonly scaler: FeatureScaler;
  readonly circuit: VariationalCircuit;

  constructor(readonly spec: AnomalySpec) {
    this.features = new FeatureStates(spec);
    ({ encoding: this.encoding, scaler: this.scaler, circuit: this.circuit } = this.features);
  }

  /**
   * Fits on the training split's normal rows (label 0; rows labelled anomalous are left out of
   * the density), chooses the bandwidth on `validation` and sets the threshold there.
   */
  static fit(train: Labeled, validation: Labeled, options: AnomalyOptions): { model: QuantumKernelAnomalyDetector; params: Float64Array; selection: AnomalySelection } {
    const normal = train.rows.filter((_, i) => train.labels[i] === 0);
    if (normal.length < 2) throw new Error(`only ${normal.length} normal training row(s) after the split; an anomaly detector learns what normal looks like from at least 2`);
    const rate = options.falsePositiveRate ?? 0.05;
    const build = (bandwidth: number) => {
      const map = QuantumKernelClassifier.featureMap({ rows: normal, labels: normal.map(() => 0) }, { classes: options.classes, encoding: options.encoding, featureRange: options.featureRange, reduce: options.reduce, bandwidth });
      const model = new QuantumKernelAnomalyDetector({ version: 1, kind: "anomaly", classes: options.classes, ...map, bandwidth, threshold: Infinity, falsePositiveRate: rate, numSupport: normal.length });
      return { model, params: model.features.inputsOf(normal) };
    };
    const hasBoth = validation.labels.includes(0) && validation.labels.includes(1);
    const grid: AnomalySelection["grid"] = [];
    let chosen: { bandwidth: number; model: QuantumKernelAnomalyDetector; params: Float64Array; scores: number[] } | null = null;
    const candidates = typeof options.bandwidth === "number" ? [options.bandwidth] : hasBoth ? [...KERNEL_BANDWIDTHS] : [DEFAULT_ANOMALY_BANDWIDTH];
    let best = -Infinity;
    for (const bandwidth of candidates) {
      const { model, params } = build(bandwidth);
      const scores = model.scores(params, validation.rows);
      const auc = hasBoth ? rocAuc(validation.labels, scores) : null;
      grid.push({ bandwidth, rocAuc: auc, prAuc: hasBoth ? averagePrecision(validation.labels, scores) : null });
      if (!chosen || (auc ?? -1) > best) [chosen, best] = [{ bandwidth, model, params, scores }, auc ?? -1];
    }
    const { model, params, scores } = chosen!;
    const normalScores = validation.labels.includes(0) ? scores.filter((_, i) => validation.labels[i] === 0) : model.leaveOneOutScores(params);
    model.spec.threshold = thresholdForFalsePositiveRate(normalScores, rate);
    const criterion = typeof options.bandwidth !== "number" && hasBoth ? "validationRocAuc" : "default";
    return { model, params, selection: { bandwidth: chosen!.bandwidth, criterion, grid: typeof options.bandwidth === "number" ? [] : grid } };
  }

  /** Anomaly scores, −log(mean fidelity to the normal rows): higher is more unusual. */
  scores(params: Float64Array, rows: readonly (readonly number[])[]): number[] {
    const support = this.supportStates(params);
    return rows.map((row) => {
      const state = this.features.stateOf(row);
      let total = 0;
      for (const s of support) total += fidelity(state, s);
      return -Math.log(total / support.length + 1e-300);
    });
  }

  predict(params: Float64Array, row: readonly number[]): AnomalyVerdict {
    const score = this.scores(params, [row])[0]!;
    const anomalous = score >= this.spec.threshold;
    return { label: this.spec.classes[anomalous ? 1 : 0]!, score, anomalous };
  }

  toJSON(): AnomalySpec {
    return { ...this.spec };
  }

  /** Each normal row's score against the others (itself left out): the threshold's fallback. */
  private leaveOneOutScores(params: Float64Array): number[] {
    const support = this.supportStates(params), n = support.length;
    return support.map((a, i) => {
      let total = 0;
      support.forEach((b, j) => { if (j !== i) total += fidelity(a, b); });
      return -Math.log(total / (n - 1) + 1e-300);
    });
  }

  /** The normal rows' states (their inputs are the parameters). */
  private supportStates(params: Float64Array): StateVector[] {
    return this.features.support(params, params, this.spec.numSupport);
  }
}
