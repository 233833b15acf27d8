// Classical baseline for regressors: ridge regression on standardised features, closed form.
import { choleskySolve } from "../linalg.ts";
import { Standardizer } from "./standardizer.ts";

export class LinearRegression {
  private constructor(private readonly standardizer: Standardizer, private readonly coefficients: Float64Array) {}

  static fit(rows: readonly (readonly number[])[], targets: readonly number[], options: { l2?: number } = {}): LinearRegression {
    const l2 = options.l2 ?? 1e-6;
    const standardizer = Standardizer.fit(rows);
    const d = rows[0]!.length + 1; // features, then the intercept
    const xtx = new Float64Array(d * d), xty = new Float64Array(d);
    rows.forEach((row, i) => {
      const x = [...standardizer.transform(row), 1];
      for (let a = 0; a < d; a++) {
        xty[a]! += x[a]! * targets[i]!;
        for (let b = 0; b < d; b++) xtx[a * d + b]! += x[a]! * x[b]!;
      }
    });
    for (let a = 0; a < d; a++) xtx[a * d + a]! += l2 * rows.length;
    return new LinearRegression(standardizer, choleskySolve(xtx, d, xty, 1));
  }

  predict(rows: readonly (readonly number[])[]): Float64Array {
    const d = this.coefficients.length - 1;
    return Float64Array.from(rows, (row) => {
      const x = this.standardizer.transform(row);
      let y = this.coefficients[d]!;
      for (let j = 0; j < d; j++) y += this.coefficients[j]! * x[j]!;
      return y;
    });
  }
}
