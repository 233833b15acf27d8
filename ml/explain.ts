// Per-feature attributions for one prediction f(x), from exact gradients (the adjoint method
// through the encoding angles and the scaler):
//  - gradient × input: a_j = ∂f/∂x_j(x) · (x_j − b_j); a first-order estimate of each feature's part.
//  - integrated gradients (Sundararajan et al. 2017): a_j = (x_j − b_j)·∫₀¹ ∂f/∂x_j(b + t(x − b)) dt,
//    by the trapezoid rule; Σ_j a_j = f(x) − f(b) up to the quadrature error, which is reported.
// The baseline b defaults to the middle of the training range of each feature.

export type ValueAndGradient = (row: readonly number[]) => { value: number; gradient: Float64Array };

export type ExplanationMethod = "gradientTimesInput" | "integratedGradients";

export interface Explanation {
  method: ExplanationMethod;
  /** f(x): the explained output. */
  value: number;
  baseline: number[];
  /** f(baseline). */
  baselineValue: number;
  attributions: number[];
  /** Σ attributions − (f(x) − f(baseline)); near 0 for integrated gradients. */
  completenessGap: number;
}

/** An explanation with what is known about its domain and accuracy. */
export interface CheckedExplanation extends Explanation {
  /** Per feature: the input lies outside the range the model was trained on (extrapolation). */
  outOfRange: boolean[];
  /** The largest completeness gap still accepted for this explanation. */
  gapTolerance: number;
  /** Finite attributions whose sum matches f(x) − f(baseline) within the tolerance. */
  reliable: boolean;
}

/**
 * Checks an explanation against its domain: which features lie outside the training range
 * [min, max], and whether its completeness gap is within max(0.01, 5 % of |f(x) − f(b)|). Far from
 * the training range the integrand oscillates faster than the quadrature can follow, and the
 * attributions stop adding up: such an explanation is marked unreliable, never passed off as valid.
 */
export function checkExplanation(explanation: Explanation, row: readonly number[], min: readonly number[], max: readonly number[]): CheckedExplanation {
  const outOfRange = row.map((x, j) => x < min[j]! || x > max[j]!);
  const gapTolerance = Math.max(0.01, 0.05 * Math.abs(explanation.value - explanation.baselineValue));
  const finite = explanation.attributions.every(Number.isFinite) && Number.isFinite(explanation.completenessGap);
  return { ...explanation, outOfRange, gapTolerance, reliable: finite && Math.abs(explanation.completenessGap) <= gapTolerance };
}

export function explain(f: ValueAndGradient, row: readonly number[], baseline: readonly number[], method: ExplanationMethod = "integratedGradients", steps = 32): Explanation {
  const at = f(row), base = f(baseline);
  const delta = row.map((x, j) => x - baseline[j]!);
  let average: Float64Array;
  if (method === "gradientTimesInput") {
    average = at.gradient;
  } else {
    average = new Float64Array(row.length);
    for (let s = 0; s <= steps; s++) {
      const t = s / steps, weight = s === 0 || s === steps ? 0.5 / steps : 1 / steps;
      const g = s === 0 ? base.gradient : s === steps ? at.gradient : f(baseline.map((b, j) => b + t * delta[j]!)).gradient;
      for (let j = 0; j < row.length; j++) average[j]! += weight * g[j]!;
    }
  }
  const attributions = delta.map((d, j) => d * average[j]!);
  const total = attributions.reduce((a, b) => a + b, 0);
  return { method, value: at.value, baseline: [...baseline], baselineValue: base.value, attributions, completenessGap: total - (at.value - base.value) };
}
