// The classical twin of the quantum anomaly detector: a Gaussian (RBF) kernel density over the
// normal training rows, features standardised on them, its width chosen on the validation split
// by ROC-AUC from a grid, as the quantum model's bandwidth is. Score: −log mean exp(−γ‖x − y‖²).
import { rocAuc } from "../metrics/classification.ts";
import { Standardizer } from "./standardizer.ts";

/** γ per standardised feature: γ = g / d over this grid (d features). */
export const RBF_WIDTHS = [0.05, 0.1, 0.2, 0.5, 1, 2] as const;

export class RbfDensityDetector {
  private constructor(private readonly standardizer: Standardizer, private readonly support: number[][], readonly gamma: number) {}

  static fit(normal: readonly (readonly number[])[], validation: { rows: readonly (readonly number[])[]; labels: readonly number[] }): RbfDensityDetector {
    const standardizer = Standardizer.fit(normal);
    const support = normal.map((row) => Array.from(standardizer.transform(row)));
    const d = support[0]!.length;
    const candidates = RBF_WIDTHS.map((g) => new RbfDensityDetector(standardizer, support, g / d));
    if (!(validation.labels.includes(0) && validation.labels.includes(1))) return candidates[2]!;
    let best = candidates[0]!, bestAuc = -1;
    for (const c of candidates) {
      const auc = rocAuc(validation.labels, c.scores(validation.rows)) ?? -1;
      if (auc > bestAuc) [best, bestAuc] = [c, auc];
    }
    return best;
  }

  scores(rows: readonly (readonly number[])[]): number[] {
    return rows.map((row) => {
      const x = this.standardizer.transform(row);
      let total = 0;
      for (const s of this.support) {
        let d2 = 0;
        for (let j = 0; j < s.length; j++) d2 += (x[j]! - s[j]!) ** 2;
        total += Math.exp(-this.gamma * d2);
      }
      return -Math.log(total / this.support.length + 1e-300);
    });
  }
}
