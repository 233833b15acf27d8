// Estimating ⟨O⟩ from measurement samples, as hardware would: for each Pauli term, rotate a copy
// of the state into the term's eigenbasis (H for X, S†·H for Y), sample, average the parities.
import { popcount } from "../kernels/indexing.ts";
import { apply1 } from "../kernels/uniform.ts";
import type { PauliSum } from "../observables/pauli.ts";
import type { Rng } from "../random.ts";
import { sampleCounts } from "../sampling.ts";
import type { StateVector } from "../state.ts";

const S2 = Math.SQRT1_2;
const H = Float64Array.of(S2, 0, S2, 0, S2, 0, -S2, 0);
// H·S†: maps the Y eigenbasis onto the computational basis.
const H_SDG = Float64Array.of(S2, 0, 0, -S2, S2, 0, 0, S2);

export function estimateExpectation(state: StateVector, observable: PauliSum, shots: number, rng: Rng): number {
  let total = 0;
  for (const term of observable.terms) {
    const support = term.flipMask | term.phaseMask;
    if (support === 0) {
      total += term.coefficient;
      continue;
    }
    const re = state.re.slice(), im = state.im.slice();
    for (let q = 0; support >> q; q++) {
      const bit = 1 << q;
      if (!(term.flipMask & bit)) continue; // Z needs no rotation
      apply1(re, im, 1, q, term.phaseMask & bit ? H_SDG : H);
    }
    const probabilities = new Float64Array(re.length);
    for (let i = 0; i < re.length; i++) probabilities[i] = re[i]! * re[i]! + im[i]! * im[i]!;
    let sum = 0;
    for (const [outcome, count] of sampleCounts(probabilities, shots, rng)) sum += (popcount(outcome & support) & 1 ? -1 : 1) * count;
    total += (term.coefficient * sum) / shots;
  }
  return total;
}
