// Variational quantum regressor: encode → ansatz → ŷ = μ + σ·(s·⟨Z_0⟩ + b), where μ, σ standardise
// the training targets (stored) and s, b are trained with the ansatz weights (MSE on standardised
// targets). Parameters: the ansatz weights, then s and b.
import { PauliSum, Rng } from "../../core/index.ts";
import type { AnsatzSpec } from "../ansatzes/index.ts";
import type { Labeled } from "../data/dataset.ts";
import { encodingQubits, type EncodingSpec } from "../encodings/index.ts";
import { FeatureScaler } from "../scaling.ts";
import type { Objective } from "../training/objective.ts";
import { ensembleSpread, shotEstimate } from "../uncertainty.ts";
import { defaultAnsatz, EncodedCircuit, type EncodedCircuitSpec } from "./encoded-circuit.ts";
import { variationalObjective } from "./variational-objective.ts";

export interface RegressorSpec extends EncodedCircuitSpec {
  version: 1;
  kind: "regressor";
  targetMean: number;
  targetStd: number;
}

export interface ValuePrediction {
  value: number;
  /** With shots: 95 % Wilson bounds from shot noise. */
  shotInterval?: { low: number; high: number };
  ensemble?: { mean: number; std: number; low: number; high: number };
}

export class VariationalRegressor {
  readonly quantum: EncodedCircuit;
  readonly observables = [PauliSum.parse("Z0")];

  constructor(readonly spec: RegressorSpec) {
    this.quantum = new EncodedCircuit(spec);
  }

  static create(train: Labeled, options: { encoding?: EncodingSpec; ansatz?: Partial<AnsatzSpec>; featureRange?: [number, number] } = {}): VariationalRegressor {
    const numFeatures = train.rows[0]!.length;
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
      scaler: FeatureScaler.fit(train.rows, low, high).toJSON(),
      targetMean: mean,
      targetStd: std,
    });
  }

  get numParams(): number {
    return this.quantum.numWeights + 2;
  }

  initialParams(seed: number): Float64Array {
    return this.quantum.initialParams(this.numParams, seed);
  }

  predictAll(params: Float64Array, rows: readonly (readonly number[])[]): Float64Array {
    const e = this.quantum.circuit.expectations(this.quantum.inputs(rows), rows.length, params.subarray(0, this.quantum.numWeights), this.observables);
    return e.map((z) => this.output(params, z));
  }

  predict(params: Float64Array, row: readonly number[], options: { shots?: number; seed?: number; ensemble?: readonly Float64Array[] } = {}): ValuePrediction {
    const exact = this.quantum.circuit.expectations(this.quantum.inputs([row]), 1, params.subarray(0, this.quantum.numWeights), this.observables)[0]!;
    const prediction: ValuePrediction = { value: this.output(params, exact) };
    if (options.shots) {
      const estimate = shotEstimate(exact, options.shots, new Rng(options.seed ?? 0));
      const ends = [this.output(params, estimate.low), this.output(params, estimate.high)];
      prediction.value = this.output(params, estimate.value);
      prediction.shotInterval = { low: Math.min(...ends), high: Math.max(...ends) };
    }
    if (options.ensemble?.length) {
      const spread = ensembleSpread(options.ensemble.map((p) => this.predictAll(p, [row])));
      prediction.ensemble = { mean: spread.mean[0]!, std: spread.std[0]!, low: spread.low[0]!, high: spread.high[0]! };
    }
    return prediction;
  }

  /** The prediction and its raw-feature gradient, for explanations. */
  valueGradient(params: Float64Array, row: readonly number[]): { value: number; gradient: Float64Array } {
    const W = this.quantum.numWeights;
    const scale = this.spec.targetStd * params[W]!;
    const { value, dInputs } = this.quantum.circuit.gradient(this.quantum.inputs([row]), params.subarray(0, W), this.observables[0]!);
    return { value: this.output(params, value), gradient: this.quantum.featureGradient(row, dInputs).map((g) => g * scale) };
  }

  objective(train: Labeled, validation?: Labeled): Objective {
    const W = this.quantum.numWeights;
    const standardise = (data: Labeled): Labeled => ({ rows: data.rows, labels: data.labels.map((y) => (y - this.spec.targetMean) / this.spec.targetStd) });
    return variationalObjective(
      this.quantum,
      this.observables,
      this.numParams,
      (params, e, target, de, dParams) => {
        const r = params[W]! * e[0]! + params[W + 1]! - target;
        de[0] = 2 * r * params[W]!;
        if (dParams) {
          dParams[W]! += 2 * r * e[0]!;
          dParams[W + 1]! += 2 * r;
        }
        return r * r;
      },
      standardise(train),
      validation && standardise(validation),
    );
  }

  toJSON(): RegressorSpec {
    return { ...this.spec, ...this.quantum.toJSON() };
  }

  private output(params: Float64Array, z: number): number {
    const W = this.quantum.numWeights;
    return this.spec.targetMean + this.spec.targetStd * (params[W]! * z + params[W + 1]!);
  }
}
