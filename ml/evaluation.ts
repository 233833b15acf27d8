// Honest evaluation: a quantum model's metrics on a split, always beside a classical baseline
// fitted on the same training data (logistic regression for classifiers, ridge regression for
// regressors, a Gaussian kernel density and the Mahalanobis distance for anomaly detectors).
import { LinearRegression } from "./baselines/linear-regression.ts";
import { LogisticRegression } from "./baselines/logistic-regression.ts";
import { MahalanobisDetector } from "./baselines/mahalanobis.ts";
import { RbfDensityDetector } from "./baselines/rbf-density.ts";
import type { Labeled } from "./data/dataset.ts";
import { anomalyMetrics, thresholdForFalsePositiveRate, type AnomalyMetrics } from "./metrics/anomaly.ts";
import { classificationMetrics, type ClassificationMetrics } from "./metrics/classification.ts";
import { regressionMetrics, type RegressionMetrics } from "./metrics/regression.ts";

export interface Comparison<M> {
  quantum: M;
  baseline: M;
  baselineName: string;
  /** Further classical baselines, when one is not the whole story. */
  otherBaselines?: { name: string; metrics: M }[];
}

export function compareClassifier(
  probabilities: (rows: readonly (readonly number[])[]) => Float64Array,
  numClasses: number,
  train: Labeled,
  evaluation: Labeled,
): Comparison<ClassificationMetrics> {
  const baseline = LogisticRegression.fit(train.rows, train.labels, numClasses);
  return {
    quantum: classificationMetrics(evaluation.labels, probabilities(evaluation.rows), numClasses),
    baseline: classificationMetrics(evaluation.labels, baseline.probabilities(evaluation.rows), numClasses),
    baselineName: "logistic regression",
  };
}

export function compareRegressor(predict: (rows: readonly (readonly number[])[]) => ArrayLike<number>, train: Labeled, evaluation: Labeled): Comparison<RegressionMetrics> {
  const baseline = LinearRegression.fit(train.rows, train.labels);
  return {
    quantum: regressionMetrics(evaluation.labels, predict(evaluation.rows)),
    baseline: regressionMetrics(evaluation.labels, baseline.predict(evaluation.rows)),
    baselineName: "linear regression",
  };
}

/**
 * An anomaly detector's test metrics beside two classical detectors fitted on the same normal
 * training rows, each thresholded at the same false-positive rate on the validation split's
 * normal rows: a Gaussian kernel density (the like-for-like baseline) and the Mahalanobis distance.
 */
export function compareAnomalyDetector(
  scores: (rows: readonly (readonly number[])[]) => number[],
  threshold: number,
  falsePositiveRate: number,
  train: Labeled,
  validation: Labeled,
  evaluation: Labeled,
): Comparison<AnomalyMetrics> {
  const normal = (d: Labeled) => d.rows.filter((_, i) => d.labels[i] === 0);
  const thresholdOf = (score: (rows: readonly (readonly number[])[]) => number[]) =>
    thresholdForFalsePositiveRate(score(normal(validation).length ? normal(validation) : normal(train)), falsePositiveRate);
  const classical = (score: (rows: readonly (readonly number[])[]) => number[]) => anomalyMetrics(evaluation.labels, score(evaluation.rows), thresholdOf(score));
  const rbf = RbfDensityDetector.fit(normal(train), validation);
  const mahalanobis = MahalanobisDetector.fit(normal(train));
  return {
    quantum: anomalyMetrics(evaluation.labels, scores(evaluation.rows), threshold),
    baseline: classical((rows) => rbf.scores(rows)),
    baselineName: "Gaussian kernel density",
    otherBaselines: [{ name: "Mahalanobis distance", metrics: classical((rows) => mahalanobis.scores(rows)) }],
  };
}
