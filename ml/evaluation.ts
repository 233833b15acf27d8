// Honest evaluation: a quantum model's metrics on a split, always beside a classical baseline
// fitted on the same training data (logistic regression for classifiers, ridge regression for
// regressors).
import { LinearRegression } from "./baselines/linear-regression.ts";
import { LogisticRegression } from "./baselines/logistic-regression.ts";
import type { Labeled } from "./data/dataset.ts";
import { classificationMetrics, type ClassificationMetrics } from "./metrics/classification.ts";
import { regressionMetrics, type RegressionMetrics } from "./metrics/regression.ts";

export interface Comparison<M> {
  quantum: M;
  baseline: M;
  baselineName: string;
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
