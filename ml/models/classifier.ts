// Variational quantum classifier: encode → ansatz → read out.
//  - softmax readout (K ≤ n classes): logits z_k = s·⟨Z_k⟩ + b_k, with a trained scale s and biases b;
//  - parity readout (binary, as Qiskit's VQC interprets bitstrings): P(class 1) = (1 − ⟨Z⊗…⊗Z⟩)/2.
// Parameters: the ansatz weights, then (softmax) s and b_0..b_{K−1}.
import { PauliSum, Rng, type NoisyRun } from "../../core/index.ts";
import type { AnsatzSpec } from "../ansatzes/index.ts";
import type { Labeled } from "../data/dataset.ts";
import { encodingQubits, type EncodingSpec } from "../encodings/index.ts";
import { FeatureScaler, type ReduceOptions } from "../scaling.ts";
import { binaryCrossEntropy, classificationLoss, softmax, type ClassificationLoss } from "../training/losses.ts";
import type { Objective } from "../training/objective.ts";
import { ensembleSpread, shotEstimate } from "../uncertainty.ts";
import { weightedSum } from "../variational-circuit.ts";
import { defaultAnsatz, EncodedCircuit, type EncodedCircuitSpec } from "./encoded-circuit.ts";
import { variationalObjective } from "./variational-objective.ts";

export interface ClassifierSpec extends EncodedCircuitSpec {
  version: 1;
  kind: "classifier";
  classes: string[];
  readout: "softmax" | "parity";
  loss: ClassificationLoss;
}

export interface ClassifierOptions {
  classes: string[];
  encoding?: EncodingSpec;
  ansatz?: Partial<AnsatzSpec>;
  readout?: "softmax" | "parity";
  loss?: ClassificationLoss;
  /** Range the scaler maps features onto (default [0, π]). */
  featureRange?: [number, number];
  /** Data re-uploading: the encoding before each ansatz layer. */
  reupload?: boolean;
  /** Reduce the raw features first (PCA onto this many components, fitted on `rows`). */
  reduce?: ReduceOptions | null;
}

export interface ClassPrediction {
  classIndex: number;
  label: string;
  probabilities: number[];
  /** With shots: 95 % Wilson bounds on each class probability from shot noise. */
  shotInterval?: { low: number[]; high: number[] };
  /** With an ensemble: spread of each class probability across members. */
  ensemble?: { mean: number[]; std: number[]; low: number[]; high: number[] };
}

export class VariationalClassifier {
  readonly quantum: EncodedCircuit;
  readonly observables: PauliSum[];

  constructor(readonly spec: ClassifierSpec) {
    this.quantum = new EncodedCircuit(spec);
    const n = this.quantum.numQubits, K = spec.classes.length;
    if (K < 2) throw new Error("a classifier needs at least 2 classes");
    if (spec.readout === "parity") {
      if (K !== 2) throw new Error("the parity readout is binary: use softmax for more classes");
      if (spec.loss !== "crossEntropy") throw new Error("the parity readout trains with crossEntropy");
      this.observables = [PauliSum.parse(Array.from({ length: n }, (_, q) => `Z${q}`).join(" "))];
    } else {
      if (K > n) throw new Error(`a softmax readout reads one qubit per class: ${K} classes need ${K} qubits, the circuit has ${n}`);
      this.observables = Array.from({ length: K }, (_, k) => PauliSum.parse(`Z${k}`));
    }
  }

  /** A new, untrained classifier whose scaler is fitted on `rows` (the training rows). */
  static create(rows: readonly (readonly number[])[], options: ClassifierOptions): VariationalClassifier {
    const numFeatures = options.reduce?.components ?? rows[0]!.length;
    const encoding = options.encoding ?? { kind: "angle", numFeatures, rotation: "ry" };
    const [low, high] = options.featureRange ?? [0, Math.PI];
    const scaler = FeatureScaler.fit(rows, low, high, options.reduce);
    const qubits = encodingQubits(encoding.kind, numFeatures);
    const ansatz = defaultAnsatz(options.ansatz, qubits);
    return new VariationalClassifier({
      version: 1,
      kind: "classifier",
      classes: options.classes,
      readout: options.readout ?? "softmax",
      loss: options.loss ?? "crossEntropy",
      encoding,
      ansatz,
      scaler: scaler.toJSON(),
      ...(options.reupload ? { reupload: true } : {}),
    });
  }

  get numClasses(): number {
    return this.spec.classes.length;
  }

  get numParams(): number {
    return this.quantum.numWeights + (this.spec.readout === "softmax" ? 1 + this.numClasses : 0);
  }

  /** Seeded starting parameters: small random weights, readout scale 1, zero biases. */
  initialParams(seed: number): Float64Array {
    return this.quantum.initialParams(this.numParams, seed, this.spec.readout === "softmax");
  }

  /** Class probabilities for each raw row: rows × K (under `noise`, from the noisy circuit). */
  probabilities(params: Float64Array, rows: readonly (readonly number[])[], noise?: NoisyRun): Float64Array {
    const inputs = this.quantum.inputs(rows);
    const e = noise ? this.quantum.circuit.noisyExpectationsBatch(inputs, rows.length, params.subarray(0, this.quantum.numWeights), this.observables, noise, 0) : this.expectations(params, inputs, rows.length);
    const K = this.numClasses, out = new Float64Array(rows.length * K);
    for (let i = 0; i < rows.length; i++) this.readout(params, e.subarray(i * this.observables.length, (i + 1) * this.observables.length), out.subarray(i * K, (i + 1) * K));
    return out;
  }

  /** With `noise`, the readout's ⟨O_k⟩ come from the noisy circuit (and shots, if any, are drawn from those). */
  predict(params: Float64Array, row: readonly number[], options: { shots?: number; seed?: number; ensemble?: readonly Float64Array[]; noise?: NoisyRun } = {}): ClassPrediction {
    const K = this.numClasses, m = this.observables.length;
    const exact = options.noise
      ? this.quantum.circuit.noisyExpectations(this.quantum.inputs([row]), params.subarray(0, this.quantum.numWeights), this.observables, options.noise, options.seed ?? 0).values
      : this.expectations(params, this.quantum.inputs([row]), 1);
    const probabilities = new Float64Array(K);
    const prediction: ClassPrediction = { classIndex: 0, label: "", probabilities: [] };
    if (options.shots) {
      const rng = new Rng(options.seed ?? 0);
      const estimates = Array.from(exact, (value) => shotEstimate(value, options.shots!, rng));
      this.readout(params, Float64Array.from(estimates, (x) => x.value), probabilities);
      prediction.shotInterval = this.probabilityBounds(params, estimates);
    } else {
      this.readout(params, exact.subarray(0, m), probabilities);
    }
    prediction.probabilities = Array.from(probabilities);
    prediction.classIndex = argmax(probabilities);
    prediction.label = this.spec.classes[prediction.classIndex]!;
    if (options.ensemble?.length) {
      const members = options.ensemble.map((p) => this.probabilities(p, [row]));
      const spread = ensembleSpread(members);
      prediction.ensemble = { mean: Array.from(spread.mean), std: Array.from(spread.std), low: Array.from(spread.low), high: Array.from(spread.high) };
    }
    return prediction;
  }

  /** The value and raw-feature gradient of P(class c | row), for explanations. */
  classProbabilityGradient(params: Float64Array, row: readonly number[], c: number): { value: number; gradient: Float64Array } {
    const inputs = this.quantum.inputs([row]);
    const e = this.expectations(params, inputs, 1);
    const p = new Float64Array(this.numClasses);
    this.readout(params, e, p);
    const de = new Float64Array(this.observables.length);
    if (this.spec.readout === "parity") {
      de[0] = c === 1 ? -0.5 : 0.5;
    } else {
      const s = params[this.quantum.numWeights]!;
      for (let k = 0; k < this.numClasses; k++) de[k] = s * p[c]! * ((k === c ? 1 : 0) - p[k]!);
    }
    const { dInputs } = this.quantum.circuit.gradient(inputs, params.subarray(0, this.quantum.numWeights), weightedSum(this.observables, de));
    return { value: p[c]!, gradient: this.quantum.featureGradient(row, dInputs) };
  }

  /** The training objective: mean loss over `train`, validation loss over `validation` (both under `noise`, if given). */
  objective(train: Labeled, validation?: Labeled, noise?: NoisyRun): Objective {
    const loss = (p: Float64Array, e: Float64Array, label: number, de: Float64Array, dParams: Float64Array | null) => this.exampleLoss(p, e, label, de, dParams);
    return variationalObjective(this.quantum, this.observables, this.numParams, loss, train, validation, loss, noise);
  }

  toJSON(): ClassifierSpec {
    return { ...this.spec, ...this.quantum.toJSON() };
  }

  private expectations(params: Float64Array, inputs: Float64Array, count: number): Float64Array {
    return this.quantum.circuit.expectations(inputs, count, params.subarray(0, this.quantum.numWeights), this.observables);
  }

  private readout(params: Float64Array, e: Float64Array, out: Float64Array): void {
    if (this.spec.readout === "parity") {
      out[1] = (1 - e[0]!) / 2;
      out[0] = 1 - out[1]!;
      return;
    }
    softmax(this.logits(params, e), out);
  }

  private logits(params: Float64Array, e: ArrayLike<number>): Float64Array {
    const W = this.quantum.numWeights, s = params[W]!;
    return Float64Array.from({ length: this.numClasses }, (_, k) => s * e[k]! + params[W + 1 + k]!);
  }

  /** Loss of one example; writes dLoss/d⟨O_k⟩ into `de` and adds the readout's parameter gradient into dParams. */
  private exampleLoss(params: Float64Array, e: Float64Array, label: number, de: Float64Array, dParams: Float64Array | null): number {
    if (this.spec.readout === "parity") {
      const { loss, dp } = binaryCrossEntropy((1 - e[0]!) / 2, label);
      de[0] = -dp / 2;
      return loss;
    }
    const W = this.quantum.numWeights, s = params[W]!, K = this.numClasses;
    const dz = new Float64Array(K);
    const loss = classificationLoss(this.spec.loss, this.logits(params, e), label, dz);
    for (let k = 0; k < K; k++) {
      de[k] = s * dz[k]!;
      if (dParams) {
        dParams[W]! += dz[k]! * e[k]!;
        dParams[W + 1 + k]! += dz[k]!;
      }
    }
    return loss;
  }

  /** Bounds on each class probability over the box of shot intervals of the ⟨O_k⟩. */
  private probabilityBounds(params: Float64Array, estimates: { value: number; low: number; high: number }[]): { low: number[]; high: number[] } {
    if (this.spec.readout === "parity") {
      const { low, high } = estimates[0]!;
      return { low: [(1 + low) / 2, (1 - high) / 2], high: [(1 + high) / 2, (1 - low) / 2] };
    }
    const W = this.quantum.numWeights, s = params[W]!, K = this.numClasses;
    const zLow = estimates.map((x, k) => Math.min(s * x.low, s * x.high) + params[W + 1 + k]!);
    const zHigh = estimates.map((x, k) => Math.max(s * x.low, s * x.high) + params[W + 1 + k]!);
    const low: number[] = [], high: number[] = [];
    for (let c = 0; c < K; c++) {
      low.push(softmax(zHigh.map((z, k) => (k === c ? zLow[c]! : z)))[c]!);
      high.push(softmax(zLow.map((z, k) => (k === c ? zHigh[c]! : z)))[c]!);
    }
    return { low, high };
  }
}

export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
