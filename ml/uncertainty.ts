// Uncertainty: shot noise (binomial, Wilson score interval) and spread across an ensemble.
import type { Rng } from "../core/index.ts";

/** Wilson score interval for a binomial proportion of `successes` in `trials` at z (1.96 ≈ 95 %). */
export function wilsonInterval(successes: number, trials: number, z = 1.959964): { low: number; high: number } {
  if (trials === 0) return { low: 0, high: 1 };
  const p = successes / trials, z2 = z * z;
  const centre = (p + z2 / (2 * trials)) / (1 + z2 / trials);
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / (1 + z2 / trials);
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/** Draws Binomial(trials, p) exactly (one Bernoulli per trial; shots are bounded by the API). */
export function binomial(trials: number, p: number, rng: Rng): number {
  let successes = 0;
  for (let i = 0; i < trials; i++) if (rng.nextFloat() < p) successes++;
  return successes;
}

/**
 * A shot estimate of ⟨P⟩ for a Pauli string P (eigenvalues ±1) with exact value `exact`: the
 * fraction q of −1 outcomes is binomial, ⟨P⟩ = 1 − 2q. Returns the estimate and the Wilson
 * interval mapped to ⟨P⟩.
 */
export function shotEstimate(exact: number, shots: number, rng: Rng): { value: number; low: number; high: number } {
  const q = Math.min(1, Math.max(0, (1 - exact) / 2));
  const minus = binomial(shots, q, rng);
  const { low, high } = wilsonInterval(minus, shots);
  return { value: 1 - (2 * minus) / shots, low: 1 - 2 * high, high: 1 - 2 * low };
}

/** Mean, standard deviation and range of each column across ensemble members (rows). */
export function ensembleSpread(members: readonly Float64Array[]): { mean: Float64Array; std: Float64Array; low: Float64Array; high: Float64Array } {
  const width = members[0]!.length, m = members.length;
  const mean = new Float64Array(width), std = new Float64Array(width);
  const low = new Float64Array(width).fill(Infinity), high = new Float64Array(width).fill(-Infinity);
  for (const row of members) {
    for (let j = 0; j < width; j++) {
      mean[j]! += row[j]! / m;
      low[j] = Math.min(low[j]!, row[j]!);
      high[j] = Math.max(high[j]!, row[j]!);
    }
  }
  for (const row of members) for (let j = 0; j < width; j++) std[j]! += (row[j]! - mean[j]!) ** 2 / Math.max(1, m - 1);
  for (let j = 0; j < width; j++) std[j] = Math.sqrt(std[j]!);
  return { mean, std, low, high };
}
