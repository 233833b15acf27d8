// Quantum-kernel classifier: the fidelity kernel k(x, y) = |⟨φ(x)|φ(y)⟩|² of a data encoding
// (Havlíček et al. 2019), then kernel ridge regression one-vs-rest on ±1 targets (closed form,
// deterministic). Class probabilities are a softmax of the K scores with a temperature fitted on
// the validation set (log-loss), so they are calibrated rather than raw margins.
// Stored parameters: the dual coefficients (N×K), then the training inputs (N×numInputs).
import type { StateVector } from "../../core/index.ts";
import type { Labeled } from "../data/dataset.ts";
import { encodingFromSpec, type Encoding, type EncodingSpec } from "../encodings/index.ts";
import { choleskySolve } from "../linalg.ts";
import { FeatureScaler, type ScalerSpec } from "../scaling.ts";
import { softmax } from "../training/losses.ts";
import { VariationalCircuit } from "../variational-circuit.ts";
import { argmax, type ClassPrediction } from "./classifier.ts";

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
}

export interface KernelOptions {
  classes: string[];
  encoding?: EncodingSpec;
  featureRange?: [number, number];
  regularization?: number;
}

export class QuantumKernelClassifier {
  readonly encoding: Encoding;
  readonly scaler: FeatureScaler;
  /** The encoding circuit whose states the kernel compares. */
  readonly circuit: VariationalCircuit;

  constructor(readonly spec: KernelSpec) {
    this.encoding = encodingFromSpec(spec.encoding);
    this.scaler = FeatureScaler.fromJSON(spec.scaler);
    this.circuit = new VariationalCircuit(this.encoding.numQubits, this.encoding.numInputs, 0, (builder, inputs) => this.encoding.apply(builder, inputs));
  }

  /** Fits on `train` and (when given) the temperature on `validation`; returns the model and its parameters. */
  static fit(train: Labeled, options: KernelOptions, validation?: Labeled): { model: QuantumKernelClassifier; params: Float64Array } {
    const numFeatures = train.rows[0]!.length;
    const [low, high] = options.featureRange ?? [0, Math.PI];
    const encoding = options.encoding ?? { kind: "zz", numFeatures, reps: 2, entanglement: "linear" };
    const spec: KernelSpec = {
      version: 1,
      kind: "kernel",
      classes: options.classes,
      encoding,
      scaler: FeatureScaler.fit(train.rows, low, high).toJSON(),
      regularization: options.regularization ?? 0.1,
      temperature: 1,
      numSupport: train.rows.length,
    };
    const model = new QuantumKernelClassifier(spec);
    const N = train.rows.length, K = options.classes.length;
    const inputs = model.inputsOf(train.rows);
    const states = model.states(inputs, N);
    const gram = new Float64Array(N * N);
    for (let i = 0; i < N; i++) {
      for (let j = 0; j <= i; j++) gram[i * N + j] = gram[j * N + i] = fidelity(states[i]!, states[j]!);
      gram[i * N + i]! += spec.regularization;
    }
    const targets = new Float64Array(N * K);
    train.labels.forEach((label, i) => { for (let k = 0; k < K; k++) targets[i * K + k] = k === label ? 1 : -1; });
    const alphas = choleskySolve(gram, N, targets, K);
    const params = new Float64Array(N * K + inputs.length);
    params.set(alphas);
    params.set(inputs, N * K);
    if (validation?.rows.length) spec.temperature = model.fitTemperature(params, validation);
    return { model, params };
  }

  /** The fidelity kernel between two raw rows. */
  kernel(a: readonly number[], b: readonly number[]): number {
    const states = this.states(this.inputsOf([a, b]), 2);
    return fidelity(states[0]!, states[1]!);
  }

  /** The K one-vs-rest scores of each row: rows × K. */
  scores(params: Float64Array, rows: readonly (readonly number[])[]): Float64Array {
    const N = this.spec.numSupport, K = this.spec.classes.length;
    const support = this.states(params.subarray(N * K), N);
    const queries = this.states(this.inputsOf(rows), rows.length);
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

  private inputsOf(rows: readonly (readonly number[])[]): Float64Array {
    const k = this.encoding.numInputs;
    const out = new Float64Array(rows.length * k);
    rows.forEach((row, i) => this.encoding.inputsOf(this.scaler.transform(row), out.subarray(i * k, (i + 1) * k)));
    return out;
  }

  private states(inputs: Float64Array, count: number): StateVector[] {
    const k = this.encoding.numInputs;
    return Array.from({ length: count }, (_, r) => this.circuit.state(inputs.subarray(r * k, (r + 1) * k)));
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

function fidelity(a: StateVector, b: StateVector): number {
  let re = 0, im = 0;
  for (let i = 0; i < a.size; i++) {
    re += a.re[i]! * b.re[i]! + a.im[i]! * b.im[i]!;
    im += a.re[i]! * b.im[i]! - a.im[i]! * b.re[i]!;
  }
  return re * re + im * im;
}
