// Zero-mean, unit-variance features, fitted on training rows (the baselines' preprocessing).

export class Standardizer {
  private constructor(readonly mean: Float64Array, readonly std: Float64Array) {}

  static fit(rows: readonly (readonly number[])[]): Standardizer {
    const d = rows[0]!.length, n = rows.length;
    const mean = new Float64Array(d), std = new Float64Array(d);
    for (const r of rows) for (let j = 0; j < d; j++) mean[j]! += r[j]! / n;
    for (const r of rows) for (let j = 0; j < d; j++) std[j]! += (r[j]! - mean[j]!) ** 2 / n;
    for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j]!) || 1;
    return new Standardizer(mean, std);
  }

  transform(row: readonly number[]): Float64Array {
    return Float64Array.from(row, (v, j) => (v - this.mean[j]!) / this.std[j]!);
  }
}
