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

/** What a regression version stores to give every prediction a calibrated band. */
export interface RegressionCalibration {
  method: "splitConformal";
  /** The band's target coverage. */
  level: number;
  /** ŷ ± halfWidth covers the target with probability ≥ level (exchangeable data). */
  halfWidth: number;
  /** Calibration examples (the validation split). */
  examples: number;
  /** The fraction of test targets inside ŷ ± halfWidth: the band's coverage on data it never saw. */
  testCoverage: number;
}

/**
 * Split conformal prediction (Vovk et al.; Lei et al. 2018): the ⌈(n + 1)·level⌉-th smallest
 * absolute residual on n calibration examples, held out from training. With fewer than
 * 1/(1 − level) − 1 examples no finite band has the guarantee; the largest residual is used then.
 */
export function conformalHalfWidth(residuals: ArrayLike<number>, level = 0.95): number {
  const sorted = Array.from(residuals, Math.abs).sort((a, b) => a - b);
  if (sorted.length === 0) return Infinity;
  const rank = Math.ceil((sorted.length + 1) * level);
  return sorted[Math.min(rank, sorted.length) - 1]!;
}

/**
 * The validation split in two disjoint halves (alternate rows): one for early stopping, one to
 * calibrate on. Rows that chose the stopping epoch are no longer exchangeable with new data (the
 * model was selected on them), so a band calibrated on them is biased narrow.
 */
export function stopAndCalibrate<T extends { rows: readonly (readonly number[])[]; labels: readonly number[] }>(validation: T): { stop: { rows: number[][]; labels: number[] }; calibrate: { rows: number[][]; labels: number[] } } {
  const half = (parity: number) => ({
    rows: validation.rows.filter((_, i) => i % 2 === parity).map((r) => [...r]),
    labels: validation.labels.filter((_, i) => i % 2 === parity),
  });
  return { stop: half(0), calibrate: half(1) };
}

/** Calibrates a regressor's band on `calibration` and measures its coverage on `test`. */
export function calibrateRegression(
  predict: (rows: readonly (readonly number[])[]) => ArrayLike<number>,
  calibration: { rows: readonly (readonly number[])[]; labels: readonly number[] },
  test: { rows: readonly (readonly number[])[]; labels: readonly number[] },
  level = 0.95,
): RegressionCalibration {
  const fitted = predict(calibration.rows);
  const halfWidth = conformalHalfWidth(calibration.labels.map((y, i) => y - fitted[i]!), level);
  const predicted = predict(test.rows);
  const inside = test.labels.filter((y, i) => Math.abs(y - predicted[i]!) <= halfWidth).length;
  return { method: "splitConformal", level, halfWidth, examples: calibration.labels.length, testCoverage: test.labels.length ? inside / test.labels.length : NaN };
}
