// The classical anomaly baseline: Mahalanobis distance from the normal rows' mean under their
// covariance, shrunk towards a scaled identity (Ledoit & Wolf's idea, a fixed 10 % here) so a
// small or collinear training set still gives an invertible matrix. Score: the squared distance.
import { choleskySolve } from "../linalg.ts";

export class MahalanobisDetector {
  private constructor(private readonly mean: Float64Array, private readonly precision: Float64Array) {}

  static fit(rows: readonly (readonly number[])[], shrinkage = 0.1): MahalanobisDetector {
    const n = rows.length, d = rows[0]!.length;
    const mean = new Float64Array(d);
    for (const row of rows) for (let j = 0; j < d; j++) mean[j]! += row[j]! / n;
    const covariance = new Float64Array(d * d);
    for (const row of rows) for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) covariance[i * d + j]! += ((row[i]! - mean[i]!) * (row[j]! - mean[j]!)) / n;
    let trace = 0;
    for (let i = 0; i < d; i++) trace += covariance[i * d + i]!;
    const target = trace / d || 1;
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) covariance[i * d + j] = (1 - shrinkage) * covariance[i * d + j]! + (i === j ? shrinkage * target : 0);
    const identity = new Float64Array(d * d);
    for (let i = 0; i < d; i++) identity[i * d + i] = 1;
    return new MahalanobisDetector(mean, choleskySolve(covariance, d, identity, d));
  }

  /** Squared Mahalanobis distance of each row: higher is more anomalous. */
  scores(rows: readonly (readonly number[])[]): number[] {
    const d = this.mean.length;
    return rows.map((row) => {
      let total = 0;
      for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) total += (row[i]! - this.mean[i]!) * this.precision[i * d + j]! * (row[j]! - this.mean[j]!);
      return total;
    });
  }
}
