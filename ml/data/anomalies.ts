// A seeded synthetic table with planted anomalies, shaped like behaviour data: normal rows come
// from two clusters (two kinds of ordinary customer), each with correlated features. Two kinds of
// anomaly are planted: rows in the empty region between the clusters (ordinary feature by
// feature, unusual as a whole: what a single mean and covariance cannot see), and rows that break
// a cluster's correlations (each value plausible, the combination not).
import { Rng } from "../../core/index.ts";
import type { Labeled } from "./dataset.ts";

export interface PlantedAnomalyOptions {
  normal: number;
  anomalies: number;
  features: number;
  seed: number;
}

export const DEFAULT_PLANTED: PlantedAnomalyOptions = { normal: 400, anomalies: 40, features: 6, seed: 1 };

/** Labels: 0 normal, 1 anomaly (half of each kind), rows shuffled. */
export function plantedAnomalies(options: PlantedAnomalyOptions = DEFAULT_PLANTED): Labeled & { classes: string[] } {
  const { normal, anomalies, features: d, seed } = options;
  const rng = new Rng(seed);
  const centre = (sign: number) => Array.from({ length: d }, (_, j) => sign * (j % 2 === 0 ? 3 : 2));
  const clusters = [centre(1), centre(-1)];
  const correlated = (c: number[]) => {
    const shared = rng.nextNormal();
    return c.map((m, j) => m + 0.9 * shared * (j % 2 === 0 ? 1 : -1) + 0.35 * rng.nextNormal());
  };
  const rows: number[][] = [], labels: number[] = [];
  for (let i = 0; i < normal; i++) {
    rows.push(correlated(clusters[i % 2]!));
    labels.push(0);
  }
  for (let i = 0; i < anomalies; i++) {
    if (i % 2 === 0) {
      rows.push(Array.from({ length: d }, () => 0.8 * rng.nextNormal())); // between the clusters
    } else {
      const c = clusters[i % 4 === 1 ? 0 : 1]!;
      const shared = 1.2 + 0.3 * rng.nextFloat();
      rows.push(c.map((m, j) => m + shared * (j < d / 2 ? 1 : -1) * (j % 2 === 0 ? 1 : -1) + 0.3 * rng.nextNormal())); // against the correlation
    }
    labels.push(1);
  }
  const order = Array.from({ length: rows.length }, (_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return { rows: order.map((i) => rows[i]!), labels: order.map((i) => labels[i]!), classes: ["normal", "anomaly"] };
}
