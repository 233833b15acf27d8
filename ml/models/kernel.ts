// Quantum-kernel classifier: the fidelity kernel k(x, y) = |⟨φ(x)|φ(y)⟩|² of a data encoding
// (Havlíček et al. 2019), then kernel ridge regression one-vs-rest on ±1 targets (closed form,
// deterministic). Class probabilities are a softmax of the K scores with a temperature fitted on
// the validation set (log-loss), so they are calibrated rather than raw margins.
// Stored parameters: the dual coefficients (N×K), then the training inputs (N×numInputs).
import type { StateVector } from "../../core/index.ts";
import type { Labeled } from "../data/dataset.ts";
import type { Encoding, EncodingSpec } from "../encodings/index.ts";
import { choleskySolve } from "../linalg.ts";
import { FeatureScaler, type ReduceOptions, type ScalerSpec } from "../scaling.ts";
import { softmax } from "../training/losses.ts";
import type { VariationalCircuit } from "../variational-circuit.ts";
import { argmax, type ClassPrediction } from "./classifier.ts";
import { FeatureStates, fidelity, type KernelFeatureMap } from "./feature-states.ts";

export type { KernelFeatureMap } from "./feature-states.ts";

export interface KernelSpec {
  version: 1;
  kind: "kernel";
  classes: string[];
  encoding: EncodingSpec;
  scaler: ScalerSpec;
  /** Ridge λ added to the Gram matrix's diagonal. */
  regularization: number;
  /** Softmax temperature on the scores (fitted). */
  temperature: number;
  numSupport: number;
  /** The factor on the encoding angles (already in the scaler's range); absent: 1. */
  bandwidth?: number;
  /** Centred kernel-target alignment of the training Gram matrix: a diagnostic in [-1, 1] (higher: the kernel's geometry follows the labels). */
  alignment?: number;
}

export interface KernelOptions {
  classes: string[];
  encoding?: EncodingSpec;
  featureRange?: [number, number];
  regularization?: number;
  /** A factor on the encoding angles: the scaler maps onto featureRange × bandwidth (Shaydulin & Wild 2022). */
  bandwidth?: number;
  reduce?: ReduceOptions | null;
}

export class QuantumKernelClassifier {
  readonly features: FeatureStates;
  readonly encoding: Encoding;
  readonly scaler: FeatureScaler;
  /** The encoding circuit whose states the kernel compares. */
  readonly circuit: VariationalCircuit;

  constructor(readonly spec: KernelSpec) {
    this.features = new FeatureStates(spec);
    ({ encoding: this.encoding, scaler: this.scaler, circuit: this.circuit } = this.features);
  }

  /** The model's feature map (encoding + scaler) fitted to `train`, before any kernel is computed. */
  static featureMap(train: Labeled, options: KernelOptions): KernelFeatureMap {
    const [low, high] = options.featureRange ?? [0, Math.PI];
    const c = options.bandwidth ?? 1;
    return {
      encoding: options.encoding ?? { kind: "zz", numFeatures: options.reduce?.components ?? train.rows[0]!.length, reps: 2, entanglement: "linear" },
      scaler: FeatureScaler.fit(train.rows, low * c, high * c, options.reduce).toJSON(),
    };
  }

  /**
   * Fits on `train` and (when given) the temperature on `validation`; returns the model and its
   * parameters. `gram` (train × train, without the ridge) may come precomputed, e.g. sharded over
   * workers with fidelityGram; it must be for featureMap(train, options).
   */
  static fit(train: Labeled, options: KernelOptions, validation?: Labeled, gram?: Float64Array): { model: QuantumKernelClassifier; params: Float64Array } {
    const map = QuantumKernelClassifier.featureMap(train, options);
    const spec: KernelSpec = {
      version: 1,
      kind: "kernel",
      classes: options.classes,
      ...map,
      regularization: options.regularization ?? 0.1,
      temperature: 1,
      numSupport: train.rows.length,
      ...(options.bandwidth !== undefined && options.bandwidth !== 1 ? { bandwidth: options.bandwidth } : {}),
    };
    const model = new QuantumKernelClassifier(spec);
    const N = train.rows.length, K = options.classes.length;
    const inputs = model.features.inputsOf(train.rows);
    const system = Float64Array.from(gram ?? fidelityGram(map, train.rows, train.rows));
    if (system.length !== N * N) throw new Error(`the precomputed Gram matrix has ${system.length} entries; ${N}×${N} expected`);
    spec.alignment = kernelAlignment(system, N, train.labels, K);
    for (let i = 0; i < N; i++) system[i * N + i]! += spec.regularization;
    const alphas = choleskySolve(system, N, oneVsRestTargets(train.labels, K), K);
    const params = new Float64Array(N * K + inputs.length);
    params.set(alphas);
    params.set(inputs, N * K);
    if (validation?.rows.length) spec.temperature = model.fitTemperature(params, validation);
    return { model, params };
  }

  /** The fidelity kernel between two raw rows. */
  kernel(a: readonly number[], b: readonly number[]): number {
    return fidelity(this.features.stateOf(a), this.features.stateOf(b));
  }

  /** The K one-vs-rest scores of each row: rows × K. */
  scores(params: Float64Array, rows: readonly (readonly number[])[]): Float64Array {
    const N = this.spec.numSupport, K = this.spec.classes.length;
    const support = this.supportStates(params);
    const queries = this.features.states(this.features.inputsOf(rows), rows.length);
    const out = new Float64Array(rows.length * K);
    queries.forEach((q, r) => {
      for (let i = 0; i < N; i++) {
        const k = fidelity(q, support[i]!);
        for (let c = 0; c < K; c++) out[r * K + c]! += k * params[i * K + c]!;
      }
    });
    return out;
  }

  probabilities(params: Float64Array, rows: readonly (readonly number[])[]): Float64Array {
    const K = this.spec.classes.length;
    const scores = this.scores(params, rows);
    for (let r = 0; r < rows.length; r++) {
      const s = scores.subarray(r * K, (r + 1) * K);
      softmax(s.map((x) => x / this.spec.temperature), s);
    }
    return scores;
  }

  predict(params: Float64Array, row: readonly number[]): ClassPrediction {
    const probabilities = Array.from(this.probabilities(params, [row]));
    const classIndex = argmax(probabilities);
    return { classIndex, label: this.spec.classes[classIndex]!, probabilities };
  }

  toJSON(): KernelSpec {
    return { ...this.spec };
  }

  /**
   * The support set's states, prepared once per parameter vector (a served version's parameters
   * never change), so a prediction costs one state and one inner product per support row.
   */
  supportStates(params: Float64Array): StateVector[] {
    const N = this.spec.numSupport, K = this.spec.classes.length;
    return this.features.support(params, params.subarray(N * K), N);
  }

  /** Whether the support states are kept between calls: up to 2^22 amplitudes (64 MiB) of them. */
  get keepsSupportStates(): boolean {
    return this.features.keeps(this.spec.numSupport);
  }

  /** The temperature minimising validation log-loss (golden-section search on log T). */
  private fitTemperature(params: Float64Array, validation: Labeled): number {
    const K = this.spec.classes.length;
    const scores = this.scores(params, validation.rows);
    const logLoss = (t: number) => {
      let total = 0;
      for (let r = 0; r < validation.rows.length; r++) {
        const p = softmax(scores.subarray(r * K, (r + 1) * K).map((x) => x / t));
        total -= Math.log(Math.max(p[validation.labels[r]!]!, 1e-12));
      }
      return total;
    };
    let a = Math.log(1e-3), b = Math.log(1e2);
    const g = (Math.sqrt(5) - 1) / 2;
    for (let it = 0; it < 60; it++) {
      const c = b - g * (b - a), d = a + g * (b - a);
      if (logLoss(Math.exp(c)) < logLoss(Math.exp(d))) b = d;
      else a = c;
    }
    return Math.exp((a + b) / 2);
  }
}

/**
 * The fidelity kernel |⟨φ(r)|φ(c)⟩|² between every row and every column (raw features), row-major
 * rows × columns. A slice of rows gives the same numbers as the full matrix's rows, bit for bit,
 * which is what lets workers compute shards of one Gram matrix.
 */
export function fidelityGram(map: KernelFeatureMap, rows: readonly (readonly number[])[], columns: readonly (readonly number[])[]): Float64Array {
  const features = new FeatureStates(map);
  const columnStates = columns.map((column) => features.stateOf(column));
  const out = new Float64Array(rows.length * columns.length);
  rows.forEach((row, i) => {
    const state = features.stateOf(row);
    columnStates.forEach((column, j) => { out[i * columns.length + j] = fidelity(state, column); });
  });
  return out;
}

/** ±1 one-vs-rest targets of class labels: rows × K, +1 at a row's class and −1 elsewhere (kernel ridge regresses on them). */
export function oneVsRestTargets(labels: readonly number[], numClasses: number): Float64Array {
  const targets = new Float64Array(labels.length * numClasses);
  labels.forEach((label, i) => { for (let k = 0; k < numClasses; k++) targets[i * numClasses + k] = k === label ? 1 : -1; });
  return targets;
}

/**
 * Centred kernel-target alignment (Cortes et al. 2012): the cosine between the centred Gram
 * matrix and the centred ideal kernel Y·Yᵀ of ±1 one-vs-rest targets. 1: the kernel separates
 * the classes perfectly; about 0: it ignores them.
 */
export function kernelAlignment(gram: Float64Array, n: number, labels: readonly number[], numClasses: number): number {
  const centre = (m: Float64Array) => {
    const rowMean = new Float64Array(n);
    let mean = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) rowMean[i]! += m[i * n + j]! / n;
      mean += rowMean[i]! / n;
    }
    return Float64Array.from(m, (x, k) => x - rowMean[Math.floor(k / n)]! - rowMean[k % n]! + mean);
  };
  const ideal = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) ideal[i * n + j] = labels[i] === labels[j] ? numClasses : numClasses - 4;
  const a = centre(gram), b = centre(ideal);
  let ab = 0, aa = 0, bb = 0;
  for (let k = 0; k < n * n; k++) {
    ab += a[k]! * b[k]!;
    aa += a[k]! * a[k]!;
    bb += b[k]! * b[k]!;
  }
  // A kernel constant up to rounding centres to ~1e-16: no geometry at all, so no alignment.
  return Math.sqrt(aa) > 1e-12 * n && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}
