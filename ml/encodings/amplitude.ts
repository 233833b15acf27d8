// Amplitude encoding: the normalised feature vector (zero-padded to 2^n) becomes the state's
// amplitudes, |ψ⟩ = Σ_i x_i/|x| |i⟩, prepared exactly by a tree of RY rotations (Möttönen et al.
// 2004, real amplitudes): qubit n−1 splits the norm between the two halves, each lower qubit splits
// its half under a control on the qubits above, and the last level carries the signs (atan2).
// The gates read 2^n − 1 rotation angles, derived from the features by inputsOf.
import { CircuitBuilder, type Param } from "../../core/index.ts";
import type { Encoding, EncodingSpec } from "./encoding.ts";

/** Qubits amplitude encoding needs for `numFeatures` values: ⌈log2⌉, at least one. */
export function amplitudeQubits(numFeatures: number): number {
  return Math.max(1, Math.ceil(Math.log2(Math.max(numFeatures, 2))));
}

export class AmplitudeEncoding implements Encoding {
  readonly kind = "amplitude";
  readonly direct = false;
  readonly numQubits: number;
  readonly numInputs: number;

  constructor(readonly numFeatures: number) {
    this.numQubits = amplitudeQubits(numFeatures);
    this.numInputs = 2 ** this.numQubits - 1;
  }

  /** Angle k of level ℓ (qubit n−1−ℓ), pattern p of the qubits above: input index 2^ℓ − 1 + p. */
  apply(builder: CircuitBuilder, inputs: readonly Param[]): void {
    const n = this.numQubits;
    for (let level = 0; level < n; level++) {
      const target = n - 1 - level;
      const controls = Array.from({ length: level }, (_, k) => n - 1 - k); // the qubits above, highest first
      for (let pattern = 0; pattern < 2 ** level; pattern++) {
        // Control on `pattern` (bit k of pattern = qubit n−1−k): flip the qubits that must be 0.
        const zeros = controls.filter((_, k) => ((pattern >> (level - 1 - k)) & 1) === 0);
        for (const q of zeros) builder.x(q);
        builder.gate("ry", [target], [inputs[2 ** level - 1 + pattern]!], { controls });
        for (const q of zeros) builder.x(q);
      }
    }
  }

  inputsOf(features: ArrayLike<number>, out: Float64Array): void {
    const n = this.numQubits, size = 2 ** n;
    const amplitudes = new Float64Array(size);
    for (let i = 0; i < Math.min(this.numFeatures, size); i++) amplitudes[i] = features[i]!;
    // Norms of every subtree: level ℓ has 2^ℓ nodes; node p covers indices whose top ℓ bits are p.
    for (let level = 0; level < n; level++) {
      const nodes = 2 ** level, span = size / nodes, half = span / 2;
      for (let p = 0; p < nodes; p++) {
        const start = p * span;
        let angle: number;
        if (level === n - 1) {
          angle = 2 * Math.atan2(amplitudes[start + 1]!, amplitudes[start]!); // signed leaves
        } else {
          angle = 2 * Math.atan2(norm(amplitudes, start + half, half), norm(amplitudes, start, half));
        }
        out[2 ** level - 1 + p] = angle;
      }
    }
  }

  toJSON(): EncodingSpec {
    return { kind: "amplitude", numFeatures: this.numFeatures };
  }
}

function norm(values: Float64Array, start: number, length: number): number {
  let sum = 0;
  for (let i = start; i < start + length; i++) sum += values[i]! * values[i]!;
  return Math.sqrt(sum);
}
