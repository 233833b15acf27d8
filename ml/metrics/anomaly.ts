// How well anomaly scores rank the anomalies (label 1) above the normal rows (label 0), and what
// a threshold does: ROC-AUC, PR-AUC (average precision, the honest number when anomalies are
// rare), precision among the k highest scores (k = the number of anomalies), and the recall and
// false-positive rate at the threshold.
import { rocAuc } from "./classification.ts";

export interface AnomalyMetrics {
  rocAuc: number | null;
  prAuc: number | null;
  precisionAtK: number | null;
  /** At the threshold (score ≥ threshold flags a row): share of anomalies flagged, share of normal rows flagged. */
  recall: number | null;
  falsePositiveRate: number | null;
  anomalies: number;
  rows: number;
}

export function anomalyMetrics(labels: readonly number[], scores: readonly number[], threshold: number): AnomalyMetrics {
  const anomalies = labels.filter((l) => l === 1).length, normal = labels.length - anomalies;
  const flagged = (want: number) => labels.filter((l, i) => l === want && scores[i]! >= threshold).length;
  return {
    rocAuc: rocAuc(labels, scores),
    prAuc: averagePrecision(labels, scores),
    precisionAtK: anomalies ? precisionAtK(labels, scores, anomalies) : null,
    recall: anomalies ? flagged(1) / anomalies : null,
    falsePositiveRate: normal ? flagged(0) / normal : null,
    anomalies,
    rows: labels.length,
  };
}

/** Average precision: the mean, over the anomalies, of the precision among rows scoring at least as high (ties share their block). */
export function averagePrecision(labels: readonly number[], scores: readonly number[]): number | null {
  const total = labels.filter((l) => l === 1).length;
  if (total === 0) return null;
  const order = scores.map((s, i) => [s, labels[i]!] as const).sort((a, b) => b[0] - a[0]);
  let seen = 0, hits = 0, sum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i, blockHits = 0;
    while (j < order.length && order[j]![0] === order[i]![0]) blockHits += order[j++]![1] === 1 ? 1 : 0;
    seen += j - i;
    hits += blockHits;
    sum += blockHits * (hits / seen);
    i = j;
  }
  return sum / total;
}

/** Share of anomalies among the k highest scores (ties broken by position, as a sort would). */
export function precisionAtK(labels: readonly number[], scores: readonly number[], k: number): number {
  const order = scores.map((s, i) => [s, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return order.slice(0, k).filter(([, i]) => labels[i] === 1).length / k;
}

/** The score a share `rate` of `normalScores` reaches or exceeds: the threshold for that false-positive rate. */
export function thresholdForFalsePositiveRate(normalScores: readonly number[], rate: number): number {
  if (normalScores.length === 0) return Infinity;
  const sorted = [...normalScores].sort((a, b) => b - a);
  const flagged = Math.floor(rate * sorted.length);
  // Just above the (flagged + 1)-th highest normal score: at most `flagged` normal rows reach it.
  return flagged >= sorted.length ? -Infinity : nextUp(sorted[flagged]!);
}

function nextUp(x: number): number {
  return x + Math.max(Math.abs(x) * 1e-12, 1e-300);
}
