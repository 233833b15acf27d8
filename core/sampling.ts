// Seeded sampling of measurement outcomes from a probability vector: sorted uniforms swept once
// against the cumulative distribution, O(N + S log S), deterministic for a seed.
import type { Rng } from "./random.ts";

/** Draws `shots` outcome indices; returns index → count (only outcomes that occurred). */
export function sampleCounts(probabilities: ArrayLike<number>, shots: number, rng: Rng): Map<number, number> {
  const draws = new Float64Array(shots);
  for (let s = 0; s < shots; s++) draws[s] = rng.nextFloat();
  draws.sort();
  let total = 0;
  for (let i = 0; i < probabilities.length; i++) total += probabilities[i]!;
  const counts = new Map<number, number>();
  let cumulative = 0;
  let index = -1;
  for (let s = 0; s < shots; s++) {
    const target = draws[s]! * total;
    while (index < probabilities.length - 1 && cumulative <= target) {
      index++;
      cumulative += probabilities[index]!;
    }
    // Skip zero-probability outcomes at the boundary (rounding can land there).
    let chosen = index;
    while (chosen > 0 && probabilities[chosen] === 0) chosen--;
    counts.set(chosen, (counts.get(chosen) ?? 0) + 1);
  }
  return counts;
}

/** Bitstring of `value` over `bits` bits, most significant first (Qiskit's display order). */
export function bitstring(value: number, bits: number): string {
  return bits === 0 ? "" : value.toString(2).padStart(bits, "0");
}
