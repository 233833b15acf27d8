// The quantum part every variational model shares: scale raw features (fitted scaler), encode them
// (inputs), run the ansatz (weights). With data re-uploading (Pérez-Salinas et al. 2020; Schuld et
// al. 2021), the encoding is repeated before each of the ansatz's layers, which widens the Fourier
// spectrum the model can fit. Also the chain rule back from circuit inputs to raw features, which
// explanations need (an input used by several layers gets the sum of their gradients).
import { Rng } from "../../core/index.ts";
import { ansatzFromSpec, type Ansatz, type AnsatzSpec } from "../ansatzes/index.ts";
import { encodingFromSpec, type Encoding, type EncodingSpec } from "../encodings/index.ts";
import { FeatureScaler, type ScalerSpec } from "../scaling.ts";
import { VariationalCircuit } from "../variational-circuit.ts";

export interface EncodedCircuitSpec {
  encoding: EncodingSpec;
  ansatz: AnsatzSpec;
  scaler: ScalerSpec;
  /** Encode again before each of the ansatz's `reps` layers (each a one-rep ansatz). Absent: once. */
  reupload?: boolean;
}

/** The ansatz a variational model gets by default: RealAmplitudes, 2 reps, linear, on `qubits` qubits. */
export function defaultAnsatz(options: Partial<AnsatzSpec> | undefined, qubits: number): AnsatzSpec {
  return { kind: "realAmplitudes", reps: 2, entanglement: "linear", ...options, numQubits: options?.numQubits ?? qubits };
}

export class EncodedCircuit {
  readonly encoding: Encoding;
  readonly ansatz: Ansatz;
  readonly scaler: FeatureScaler;
  readonly circuit: VariationalCircuit;
  readonly reupload: boolean;
  /** The ansatz as it runs: the whole of it, or (re-uploading) one one-rep layer per encoding. */
  private readonly layers: Ansatz[];

  constructor(spec: EncodedCircuitSpec) {
    this.encoding = encodingFromSpec(spec.encoding);
    this.ansatz = ansatzFromSpec(spec.ansatz);
    this.reupload = spec.reupload ?? false;
    this.layers = this.reupload ? Array.from({ length: spec.ansatz.reps }, () => ansatzFromSpec({ ...spec.ansatz, reps: 1 })) : [this.ansatz];
    this.scaler = FeatureScaler.fromJSON(spec.scaler);
    if (this.ansatz.numQubits < this.encoding.numQubits) {
      throw new Error(`the ansatz acts on ${this.ansatz.numQubits} qubits; the encoding needs ${this.encoding.numQubits}`);
    }
    if (this.scaler.numFeatures !== this.encoding.numFeatures) {
      throw new Error(`the scaler was fitted on ${this.scaler.numFeatures} features; the encoding takes ${this.encoding.numFeatures}`);
    }
    const numWeights = this.layers.reduce((sum, layer) => sum + layer.numWeights, 0);
    this.circuit = new VariationalCircuit(this.ansatz.numQubits, this.encoding.numInputs, numWeights, (builder, inputs, weights) => {
      let offset = 0;
      for (const layer of this.layers) {
        this.encoding.apply(builder, inputs);
        layer.apply(builder, weights.slice(offset, offset + layer.numWeights));
        offset += layer.numWeights;
      }
    });
  }

  get numFeatures(): number {
    return this.encoding.numFeatures;
  }

  get numQubits(): number {
    return this.circuit.numQubits;
  }

  get numWeights(): number {
    return this.circuit.numWeights;
  }

  /** Circuit inputs for raw feature rows: rows × numInputs. */
  inputs(rows: readonly (readonly number[])[]): Float64Array {
    const k = this.encoding.numInputs;
    const out = new Float64Array(rows.length * k);
    const scaled = new Float64Array(this.numFeatures);
    rows.forEach((row, i) => this.encoding.inputsOf(this.scaler.transform(row, scaled), out.subarray(i * k, (i + 1) * k)));
    return out;
  }

  /**
   * ∂f/∂raw features from ∂f/∂inputs at one raw row: through the encoding (identity for direct
   * encodings; central differences of the classical angle map for amplitude encoding), the
   * scaler's slopes and the reduction, if any (so one value per raw feature).
   */
  featureGradient(row: readonly number[], dInputs: Float64Array): Float64Array {
    const d = this.numFeatures;
    const scaled = this.scaler.transform(row);
    const dScaled = new Float64Array(d);
    if (this.encoding.direct) {
      dScaled.set(dInputs.subarray(0, d));
    } else {
      const h = 1e-6;
      const plus = new Float64Array(this.encoding.numInputs), minus = new Float64Array(this.encoding.numInputs);
      for (let j = 0; j < d; j++) {
        const xp = Float64Array.from(scaled), xm = Float64Array.from(scaled);
        xp[j]! += h;
        xm[j]! -= h;
        this.encoding.inputsOf(xp, plus);
        this.encoding.inputsOf(xm, minus);
        let sum = 0;
        for (let k = 0; k < plus.length; k++) sum += (dInputs[k]! * (plus[k]! - minus[k]!)) / (2 * h);
        dScaled[j] = sum;
      }
    }
    return this.scaler.backpropagate(dScaled);
  }

  /**
   * Seeded starting parameters for a model with `numParams` in all: the ansatz weights uniform in
   * ±π/4, the readout's parameters (after them) zero, and the readout scale (the first of them) 1.
   */
  initialParams(numParams: number, seed: number, readoutScale = true): Float64Array {
    const rng = new Rng(seed);
    const params = new Float64Array(numParams);
    for (let i = 0; i < this.numWeights; i++) params[i] = (rng.nextFloat() * 2 - 1) * (Math.PI / 4);
    if (readoutScale) params[this.numWeights] = 1;
    return params;
  }

  toJSON(): EncodedCircuitSpec {
    return { encoding: this.encoding.toJSON(), ansatz: this.ansatz.toJSON(), scaler: this.scaler.toJSON(), ...(this.reupload ? { reupload: true } : {}) };
  }
}
