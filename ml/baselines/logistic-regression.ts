// Classical baseline for classifiers: multinomial logistic regression on standardised features,
// L2-regularised, fitted by full-batch Adam for a fixed number of iterations from zero weights
// (deterministic: no randomness at all).
import { softmax } from "../training/losses.ts";
import { gradientStep, initialOptimizerState } from "../training/optimizers.ts";
import { Standardizer } from "./standardizer.ts";

export class LogisticRegression {
  private constructor(
    private readonly standardizer: Standardizer,
    /** (d + 1) × K: weights, then the bias row. */
    private readonly weights: Float64Array,
    readonly numClasses: number,
  ) {}

  static fit(rows: readonly (readonly number[])[], labels: readonly number[], numClasses: number, options: { l2?: number; iterations?: number } = {}): LogisticRegression {
    const l2 = options.l2 ?? 1e-3, iterations = options.iterations ?? 500;
    const standardizer = Standardizer.fit(rows);
    const x = rows.map((r) => standardizer.transform(r));
    const d = x[0]!.length, K = numClasses, n = rows.length;
    const w = new Float64Array((d + 1) * K), grad = new Float64Array(w.length);
    const state = initialOptimizerState(w.length);
    const p = new Float64Array(K);
    for (let it = 0; it < iterations; it++) {
      grad.fill(0);
      for (let i = 0; i < n; i++) {
        logitsOf(w, x[i]!, d, K, p);
        softmax(p, p);
        for (let k = 0; k < K; k++) {
          const g = (p[k]! - (labels[i] === k ? 1 : 0)) / n;
          for (let j = 0; j < d; j++) grad[j * K + k]! += g * x[i]![j]!;
          grad[d * K + k]! += g;
        }
      }
      for (let j = 0; j < d * K; j++) grad[j]! += l2 * w[j]!;
      gradientStep({ kind: "adam", learningRate: 0.05 }, state, w, grad);
    }
    return new LogisticRegression(standardizer, w, K);
  }

  probabilities(rows: readonly (readonly number[])[]): Float64Array {
    const K = this.numClasses, out = new Float64Array(rows.length * K);
    rows.forEach((row, i) => {
      const x = this.standardizer.transform(row);
      const p = out.subarray(i * K, (i + 1) * K);
      logitsOf(this.weights, x, x.length, K, p);
      softmax(p, p);
    });
    return out;
  }
}

function logitsOf(w: Float64Array, x: Float64Array, d: number, K: number, out: Float64Array): void {
  for (let k = 0; k < K; k++) {
    let z = w[d * K + k]!;
    for (let j = 0; j < d; j++) z += w[j * K + k]! * x[j]!;
    out[k] = z;
  }
}
