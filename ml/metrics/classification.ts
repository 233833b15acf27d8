// Classification metrics from true labels and predicted class probabilities (rows × K).

export interface ClassificationMetrics {
  accuracy: number;
  macroF1: number;
  logLoss: number;
  /** Binary problems only: area under the ROC curve of P(class 1). */
  rocAuc: number | null;
  /** Expected calibration error of the top-class probability (10 equal-width bins). */
  ece: number;
  /** confusion[true][predicted]. */
  confusion: number[][];
}

export function classificationMetrics(labels: readonly number[], probabilities: Float64Array, numClasses: number): ClassificationMetrics {
  const predicted = labels.map((_, i) => argmaxRow(probabilities, i, numClasses));
  const confusion = confusionMatrix(labels, predicted, numClasses);
  let logLoss = 0;
  labels.forEach((label, i) => { logLoss -= Math.log(Math.max(probabilities[i * numClasses + label]!, 1e-15)); });
  return {
    accuracy: labels.filter((label, i) => label === predicted[i]).length / labels.length,
    macroF1: macroF1(confusion),
    logLoss: logLoss / labels.length,
    rocAuc: numClasses === 2 ? rocAuc(labels, labels.map((_, i) => probabilities[i * 2 + 1]!)) : null,
    ece: expectedCalibrationError(labels, probabilities, numClasses),
    confusion,
  };
}

export function confusionMatrix(labels: readonly number[], predicted: readonly number[], numClasses: number): number[][] {
  const m = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  labels.forEach((label, i) => { m[label]![predicted[i]!]! += 1; });
  return m;
}

/** The unweighted mean of per-class F1 (a class neither present nor predicted scores 0). */
export function macroF1(confusion: number[][]): number {
  const K = confusion.length;
  let sum = 0;
  for (let k = 0; k < K; k++) {
    const tp = confusion[k]![k]!;
    const predicted = confusion.reduce((s, row) => s + row[k]!, 0);
    const actual = confusion[k]!.reduce((s, x) => s + x, 0);
    sum += predicted + actual === 0 ? 0 : (2 * tp) / (predicted + actual);
  }
  return sum / K;
}

/** ROC AUC as the Mann–Whitney statistic: P(score of a positive > score of a negative), ties count ½. */
export function rocAuc(labels: readonly number[], scores: readonly number[]): number | null {
  const order = scores.map((s, i) => [s, labels[i]!] as const).sort((a, b) => a[0] - b[0]);
  let positives = 0, negatives = 0, rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && order[j]![0] === order[i]![0]) j++;
    const rank = (i + j + 1) / 2; // average 1-based rank of the tie group
    for (let k = i; k < j; k++) if (order[k]![1] === 1) rankSum += rank;
    i = j;
  }
  for (const l of labels) {
    if (l === 1) positives++;
    else negatives++;
  }
  if (positives === 0 || negatives === 0) return null;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** ECE: Σ_bins (n_b/N)·|accuracy_b − confidence_b| over the top-class probability. */
export function expectedCalibrationError(labels: readonly number[], probabilities: Float64Array, numClasses: number, bins = 10): number {
  const count = new Array<number>(bins).fill(0), correct = new Array<number>(bins).fill(0), confidence = new Array<number>(bins).fill(0);
  labels.forEach((label, i) => {
    const top = argmaxRow(probabilities, i, numClasses);
    const p = probabilities[i * numClasses + top]!;
    const b = Math.min(bins - 1, Math.floor(p * bins));
    count[b]! += 1;
    confidence[b]! += p;
    if (top === label) correct[b]! += 1;
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]) ece += (count[b]! / labels.length) * Math.abs(correct[b]! / count[b]! - confidence[b]! / count[b]!);
  return ece;
}

function argmaxRow(values: Float64Array, row: number, width: number): number {
  let best = 0;
  for (let k = 1; k < width; k++) if (values[row * width + k]! > values[row * width + best]!) best = k;
  return best;
}
