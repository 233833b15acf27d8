// RealAmplitudes (Qiskit): reps × [RY on every qubit, CX over the entanglement pairs], then a final
// RY layer. Real amplitudes only. Weights: n·(reps + 1).
import type { CircuitBuilder, Param } from "../../core/index.ts";
import type { Ansatz, AnsatzSpec } from "./ansatz.ts";
import { entanglementPairs, type Entanglement } from "./entanglement.ts";

export class RealAmplitudes implements Ansatz {
  readonly kind = "realAmplitudes";
  readonly numWeights: number;

  constructor(readonly numQubits: number, readonly reps = 2, readonly entanglement: Entanglement = "linear") {
    this.numWeights = numQubits * (reps + 1);
  }

  apply(builder: CircuitBuilder, weights: readonly Param[]): void {
    let k = 0;
    for (let r = 0; r <= this.reps; r++) {
      for (let q = 0; q < this.numQubits; q++) builder.ry(weights[k++]!, q);
      if (r < this.reps) for (const [a, b] of entanglementPairs(this.numQubits, this.entanglement)) builder.cx(a, b);
    }
  }

  toJSON(): AnsatzSpec {
    return { kind: this.kind, numQubits: this.numQubits, reps: this.reps, entanglement: this.entanglement };
  }
}
