// Angle encoding: feature i becomes one rotation on qubit i (rx, ry or rz; ry by default, after a
// Hadamard for rz so the rotation is visible). One qubit per feature.
import { CircuitBuilder, type Param } from "../../core/index.ts";
import { copyInputs, type Encoding, type EncodingSpec } from "./encoding.ts";

export class AngleEncoding implements Encoding {
  readonly kind = "angle";
  readonly direct = true;
  readonly numQubits: number;
  readonly numInputs: number;

  constructor(readonly numFeatures: number, readonly rotation: "rx" | "ry" | "rz" = "ry") {
    this.numQubits = numFeatures;
    this.numInputs = numFeatures;
  }

  apply(builder: CircuitBuilder, inputs: readonly Param[]): void {
    for (let i = 0; i < this.numFeatures; i++) {
      if (this.rotation === "rz") builder.h(i);
      builder.gate(this.rotation, [i], [inputs[i]!]);
    }
  }

  inputsOf(features: ArrayLike<number>, out: Float64Array): void {
    copyInputs(features, out);
  }

  toJSON(): EncodingSpec {
    return { kind: "angle", numFeatures: this.numFeatures, rotation: this.rotation };
  }
}
