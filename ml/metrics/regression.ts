// Regression metrics.

export interface RegressionMetrics {
  mse: number;
  mae: number;
  /** Coefficient of determination, 1 − SS_res/SS_tot (0 for a constant target). */
  r2: number;
}

export function regressionMetrics(targets: readonly number[], predictions: ArrayLike<number>): RegressionMetrics {
  const n = targets.length;
  const mean = targets.reduce((s, y) => s + y, 0) / n;
  let se = 0, ae = 0, tot = 0;
  targets.forEach((y, i) => {
    const r = y - predictions[i]!;
    se += r * r;
    ae += Math.abs(r);
    tot += (y - mean) ** 2;
  });
  return { mse: se / n, mae: ae / n, r2: tot === 0 ? 0 : 1 - se / tot };
}
