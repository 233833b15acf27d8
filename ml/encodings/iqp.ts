// IQP encoding (Havlíček et al.; PennyLane's IQPEmbedding): per repetition, H on every qubit,
// RZ(x_i) on qubit i, then for every pair i < j a ZZ interaction RZZ(x_i·x_j). One qubit per feature.
import { binary, CircuitBuilder, constant, type Param } from "../../core/index.ts";
import { copyInputs, type Encoding, type EncodingSpec } from "./encoding.ts";

export class IqpEncoding implements Encoding {
  readonly kind = "iqp";
  readonly direct = true;
  readonly numQubits: number;
  readonly numInputs: number;

  constructor(readonly numFeatures: number, readonly reps = 1) {
    this.numQubits = numFeatures;
    this.numInputs = numFeatures;
  }

  apply(builder: CircuitBuilder, inputs: readonly Param[]): void {
    const x = inputs.map((p) => (typeof p === "number" ? constant(p) : p));
    for (let r = 0; r < this.reps; r++) {
      for (let i = 0; i < this.numQubits; i++) builder.h(i).rz(x[i]!, i);
      for (let i = 0; i < this.numQubits; i++) {
        for (let j = i + 1; j < this.numQubits; j++) builder.rzz(binary("*", x[i]!, x[j]!), i, j);
      }
    }
  }

  inputsOf(features: ArrayLike<number>, out: Float64Array): void {
    copyInputs(features, out);
  }

  toJSON(): EncodingSpec {
    return { kind: "iqp", numFeatures: this.numFeatures, reps: this.reps };
  }
}
