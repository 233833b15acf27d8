// Variational quantum regressor: encode → ansatz → ŷ = μ + σ·(Σ_k w_k·⟨O_k⟩ + b), where μ, σ
// standardise the training targets (stored with the version) and the readout weights w and bias b
// are trained jointly with the ansatz weights (MSE or Huber on standardised targets). Readouts:
//  - "linear" (default): O_k = Z_k on every qubit;
//  - "linearPairs": also Z_k Z_{k+1} on neighbouring qubits;
//  - "z0": O = Z_0 alone (the first readout; versions saved before readouts existed use it).
// Parameters: the circuit's weights, then w_0..w_{m−1}, then b.
import { PauliSum, Rng, type NoisyRun } from "../../core/index.ts";
import type { AnsatzSpec } from "../ansatzes/index.ts";
import type { Labeled } from "../data/dataset.ts";
import { encodingQubits, type EncodingSpec } from "../encodings/index.ts";
import { FeatureScaler, type ReduceOptions } from "../scaling.ts";
import type { Objective } from "../training/objective.ts";
import { ensembleSpread, shotEstimate } from "../uncertainty.ts";
import { weightedSum } from "../variational-circuit.ts";
import { defaultAnsatz, EncodedCircuit, type EncodedCircuitSpec } from "./encoded-circuit.ts";
import { variationalObjective, type ExampleLoss } from "./variational-objective.ts";

export type RegressionReadout = "z0" | "linear" | "linearPairs";
export type RegressionLoss = "mse" | "huber";

export interface RegressorSpec extends EncodedCircuitSpec {
  version: 1;
  kind: "regressor";
  targetMean: number;
  targetStd: number;
  /** Absent: "z0" (versions saved before readouts existed). */
  readout?: RegressionReadout;
  /** Absent: "mse". */
  loss?: RegressionLoss;
}

/** Huber's δ, on standardised targets: quadratic within one standard deviation, linear beyond. */
const HUBER_DELTA = 1;

/** The readout's observables on n qubits. */
export function regressionObservables(readout: RegressionReadout, n: number): PauliSum[] {
  if (readout === "z0") return [PauliSum.parse("Z0")];
  const singles = Array.from({ length: n }, (_, k) => PauliSum.parse(`Z${k}`));
  if (readout === "linear") return singles;
  return [...singles, ...Array.from({ length: n - 1 }, (_, k) => PauliSum.parse(`Z${k} Z${k + 1}`))];
}

/** Loss of one standardised residual r, and dLoss/dr. */
export function regressionLoss(kind: RegressionLoss, r: number): { loss: number; dr: number } {
  if (kind === "huber" && Math.abs(r) > HUBER_DELTA) return { loss: 2 * HUBER_DELTA * Math.abs(r) - HUBER_DELTA ** 2, dr: 2 * HUBER_DELTA * Math.sign(r) };
  return { loss: r * r, dr: 2 * r };
}

export interface ValuePrediction {
  value: number;
  /** With shots: 95 % bounds from shot noise (Wilson for one observable, normal for a weighted sum of several). */
  shotInterval?: { low: number; high: number };
  ensemble?: { mean: number; std: number; low: number; high: number };
}

export interface RegressorOptions {
  encoding?: EncodingSpec;
  ansatz?: Partial<AnsatzSpec>;
  featureRange?: [number, number];
  readout?: RegressionReadout;
  loss?: RegressionLoss;
  reupload?: boolean;
  /** Reduce the raw features first (PCA onto this many components, fitted on the training rows). */
  reduce?: ReduceOptions | null;
}

export class VariationalRegressor {
  readonly quantum: EncodedCircuit;
  readonly observables: PauliSum[];
  readonly readout: RegressionReadout;
  readonly loss: RegressionLoss;

  constructor(readonly spec: RegressorSpec) {
    this.quantum = new EncodedCircuit(spec);
    this.readout = spec.readout ?? "z0";
    this.loss = spec.loss ?? "mse";
    this.observables = regressionObservables(this.readout, this.quantum.numQubits);
  }

  static create(train: Labeled, options: RegressorOptions = {}): VariationalRegressor {
    const numFeatures = options.reduce?.components ?? train.rows[0]!.length;
    const encoding = options.encoding ?? { kind: "angle", numFeatures, rotation: "ry" };
    const [low, high] = options.featureRange ?? [0, Math.PI];
    const qubits = encodingQubits(encoding.kind, numFeatures);
    const mean = train.labels.reduce((s, y) => s + y, 0) / train.labels.length;
    const std = Math.sqrt(train.labels.reduce((s, y) => s + (y - mean) ** 2, 0) / train.labels.length) || 1;
    return new VariationalRegressor({
      version: 1,
      kind: "regressor",
      encoding,
      ansatz: defaultAnsatz(options.ansatz, qubits),
      scaler: FeatureScaler.fit(train.rows, low, high, options.reduce).toJSON(),
      ...(options.reupload ? { reupload: true } : {}),
      targetMean: mean,
      targetStd: std,
      readout: options.readout ?? "linear",
      loss: options.loss ?? "mse",
    });
  }

  /** The circuit's weights, one readout weight per observable, and the bias. */
  get numParams(): number {
    return this.quantum.numWeights + this.observables.length + 1;
  }

  initialParams(seed: number): Float64Array {
    return this.quantum.initialParams(this.numParams, seed);
  }

  /** ŷ for each raw row (under `noise`, from the noisy circuit). */
  predictAll(params: Float64Array, rows: readonly (readonly number[])[], noise?: NoisyRun): Float64Array {
    const m = this.observables.length, inputs = this.quantum.inputs(rows), weights = params.subarray(0, this.quantum.numWeights);
    const e = noise ? this.quantum.circuit.noisyExpectationsBatch(inputs, rows.length, weights, this.observables, noise, 0) : this.quantum.circuit.expectations(inputs, rows.length, weights, this.observables);
    return Float64Array.from({ length: rows.length }, (_, i) => this.output(params, e.subarray(i * m, (i + 1) * m)));
  }

  /** With `noise`, the readout's ⟨O_k⟩ come from the noisy circuit (and shots, if any, are drawn from those). */
  predict(params: Float64Array, row: readonly number[], options: { shots?: number; seed?: number; ensemble?: readonly Float64Array[]; noise?: NoisyRun } = {}): ValuePrediction {
    const weights = params.subarray(0, this.quantum.numWeights), inputs = this.quantum.inputs([row]);
    const exact = options.noise
      ? this.quantum.circuit.noisyExpectations(inputs, weights, this.observables, options.noise, options.seed ?? 0).values
      : this.quantum.circuit.expectations(inputs, 1, weights, this.observables);
    const prediction: ValuePrediction = { value: this.output(params, exact) };
    if (options.shots) {
      const rng = new Rng(options.seed ?? 0);
      const estimates = Array.from(exact, (e) => shotEstimate(e, options.shots!, rng));
      prediction.value = this.output(params, Float64Array.from(estimates, (e) => e.value));
      if (estimates.length === 1) {
        // One observable: the Wilson bounds of ⟨O⟩ mapped through the (monotone) readout.
        const ends = [this.output(params, [estimates[0]!.low]), this.output(params, [estimates[0]!.high])];
        prediction.shotInterval = { low: Math.min(...ends), high: Math.max(...ends) };
      } else {
        // Several: 95 % normal bounds from each estimate's binomial variance (1 − ⟨O⟩²)/shots.
        const W = this.quantum.numWeights;
        const variance = Array.from(exact, (e, k) => params[W + k]! ** 2 * (1 - e * e) / options.shots!).reduce((a, b) => a + b, 0);
        const half = 1.959964 * this.spec.targetStd * Math.sqrt(variance);
        prediction.shotInterval = { low: prediction.value - half, high: prediction.value + half };
      }
    }
    if (options.ensemble?.length) {
      const spread = ensembleSpread(options.ensemble.map((p) => this.predictAll(p, [row])));
      prediction.ensemble = { mean: spread.mean[0]!, std: spread.std[0]!, low: spread.low[0]!, high: spread.high[0]! };
    }
    return prediction;
  }

  /** The prediction and its raw-feature gradient, for explanations. */
  valueGradient(params: Float64Array, row: readonly number[]): { value: number; gradient: Float64Array } {
    const W = this.quantum.numWeights, m = this.observables.length;
    // Σ_k w_k·O_k is one observable: one adjoint sweep gives the readout's value and gradient.
    const readout = weightedSum(this.observables, params.subarray(W, W + m));
    const { value, dInputs } = this.quantum.circuit.gradient(this.quantum.inputs([row]), params.subarray(0, W), readout);
    return {
      value: this.spec.targetMean + this.spec.targetStd * (value + params[W + m]!),
      gradient: this.quantum.featureGradient(row, dInputs).map((g) => g * this.spec.targetStd),
    };
  }

  /** The training objective (under `noise`, if given: every ⟨O_k⟩ and gradient of the noisy circuit). */
  objective(train: Labeled, validation?: Labeled, noise?: NoisyRun): Objective {
    const W = this.quantum.numWeights;
    /** One example's loss from its observables' values: ŷ = Σ w_k·e_k + b against the standardised target. */
    const exampleLoss = (kind: RegressionLoss): ExampleLoss => (params, e, target, de, dParams) => {
      const m = e.length;
      let r = params[W + m]! - target;
      for (let k = 0; k < m; k++) r += params[W + k]! * e[k]!;
      const { loss, dr } = regressionLoss(kind, r);
      for (let k = 0; k < m; k++) de[k] = dr * params[W + k]!;
      if (dParams) {
        for (let k = 0; k < m; k++) dParams[W + k]! += dr * e[k]!;
        dParams[W + m]! += dr;
      }
      return loss;
    };
    const standardise = (data: Labeled): Labeled => ({ rows: data.rows, labels: data.labels.map((y) => (y - this.spec.targetMean) / this.spec.targetStd) });
    return variationalObjective(
      this.quantum,
      this.observables,
      this.numParams,
      exampleLoss(this.loss),
      standardise(train),
      validation && standardise(validation),
      // Early stopping watches the validation MSE of standardised targets, i.e. 1 − R² (for Huber too).
      exampleLoss("mse"),
      noise,
    );
  }

  toJSON(): RegressorSpec {
    return { ...this.spec, ...this.quantum.toJSON() };
  }

  /** ŷ from the observables' values e (exact or estimated). */
  private output(params: Float64Array, e: ArrayLike<number>): number {
    const W = this.quantum.numWeights, m = this.observables.length;
    let y = params[W + m]!;
    for (let k = 0; k < m; k++) y += params[W + k]! * e[k]!;
    return this.spec.targetMean + this.spec.targetStd * y;
  }
}
