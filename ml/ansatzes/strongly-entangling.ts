// StronglyEntanglingLayers (PennyLane; Schuld et al. 2020): per layer ℓ, Rot(φ, θ, ω) =
// RZ(ω)·RY(θ)·RZ(φ) on every qubit, then CNOTs from qubit i to i + r (mod n) with range
// r = (ℓ mod (n − 1)) + 1. With entanglement "linear" the wrap-around CNOT is left out.
// Weights: 3·n·reps (reps = layers).
import type { CircuitBuilder, Param } from "../../core/index.ts";
import type { Ansatz, AnsatzSpec } from "./ansatz.ts";
import type { Entanglement } from "./entanglement.ts";

export class StronglyEntanglingLayers implements Ansatz {
  readonly kind = "stronglyEntangling";
  readonly numWeights: number;

  constructor(readonly numQubits: number, readonly reps = 2, readonly entanglement: Entanglement = "ring") {
    this.numWeights = 3 * numQubits * reps;
  }

  apply(builder: CircuitBuilder, weights: readonly Param[]): void {
    const n = this.numQubits;
    let k = 0;
    for (let layer = 0; layer < this.reps; layer++) {
      for (let q = 0; q < n; q++) {
        builder.rz(weights[k]!, q).ry(weights[k + 1]!, q).rz(weights[k + 2]!, q);
        k += 3;
      }
      if (n < 2) continue;
      const range = (layer % (n - 1)) + 1;
      for (let q = 0; q < n; q++) {
        const target = q + range;
        if (target >= n && this.entanglement === "linear") continue;
        if (n === 2 && q === 1) continue; // a 2-qubit ring would repeat the same pair
        builder.cx(q, target % n);
      }
    }
  }

  toJSON(): AnsatzSpec {
    return { kind: this.kind, numQubits: this.numQubits, reps: this.reps, entanglement: this.entanglement };
  }
}
