// The ZZ feature map of Havlíček et al. (Nature 567, 2019), as Qiskit's ZZFeatureMap builds it:
// per repetition, H on every qubit, P(2·x_i) on qubit i, and for each coupled pair
// CX · P(2·(π − x_i)(π − x_j)) · CX. One qubit per feature.
import { binary, CircuitBuilder, constant, type Param } from "../../core/index.ts";
import { entanglementPairs, type Entanglement } from "../ansatzes/entanglement.ts";
import { copyInputs, type Encoding, type EncodingSpec } from "./encoding.ts";

export class ZZFeatureMap implements Encoding {
  readonly kind = "zz";
  readonly direct = true;
  readonly numQubits: number;
  readonly numInputs: number;

  constructor(readonly numFeatures: number, readonly reps = 2, readonly entanglement: Entanglement = "linear") {
    this.numQubits = numFeatures;
    this.numInputs = numFeatures;
  }

  apply(builder: CircuitBuilder, inputs: readonly Param[]): void {
    const x = inputs.map((p) => (typeof p === "number" ? constant(p) : p));
    const pi = constant(Math.PI), two = constant(2);
    for (let r = 0; r < this.reps; r++) {
      for (let i = 0; i < this.numQubits; i++) builder.h(i).p(binary("*", two, x[i]!), i);
      for (const [i, j] of entanglementPairs(this.numQubits, this.entanglement)) {
        const angle = binary("*", two, binary("*", binary("-", pi, x[i]!), binary("-", pi, x[j]!)));
        builder.cx(i, j).p(angle, j).cx(i, j);
      }
    }
  }

  inputsOf(features: ArrayLike<number>, out: Float64Array): void {
    copyInputs(features, out);
  }

  toJSON(): EncodingSpec {
    return { kind: "zz", numFeatures: this.numFeatures, reps: this.reps, entanglement: this.entanglement };
  }
}
