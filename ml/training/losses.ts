// Losses and their derivatives with respect to the model's raw outputs.

export type ClassificationLoss = "crossEntropy" | "hinge" | "mse";

/** Numerically stable softmax of `logits` into `out`. */
export function softmax(logits: ArrayLike<number>, out: Float64Array = new Float64Array(logits.length)): Float64Array {
  let max = -Infinity;
  for (let k = 0; k < logits.length; k++) max = Math.max(max, logits[k]!);
  let sum = 0;
  for (let k = 0; k < logits.length; k++) sum += out[k] = Math.exp(logits[k]! - max);
  for (let k = 0; k < logits.length; k++) out[k]! /= sum;
  return out;
}

const EPS = 1e-12;

/**
 * Loss of one example given its class probabilities (from softmax or a parity readout) or raw
 * scores, and dLoss/dLogit for softmax models. `label` is the true class.
 *  - crossEntropy: −log p_label; d/dlogit_k = p_k − [k = label]
 *  - mse: Σ_k (p_k − [k = label])²; through the softmax Jacobian
 *  - hinge (multi-class, Crammer–Singer on logits): max(0, 1 + max_{k≠y} z_k − z_y)
 */
export function classificationLoss(kind: ClassificationLoss, logits: Float64Array, label: number, dLogits: Float64Array): number {
  const p = softmax(logits);
  const K = logits.length;
  if (kind === "crossEntropy") {
    for (let k = 0; k < K; k++) dLogits[k] = p[k]! - (k === label ? 1 : 0);
    return -Math.log(Math.max(p[label]!, EPS));
  }
  if (kind === "mse") {
    let loss = 0;
    const r = new Float64Array(K);
    for (let k = 0; k < K; k++) {
      r[k] = p[k]! - (k === label ? 1 : 0);
      loss += r[k]! * r[k]!;
    }
    // dL/dz_j = Σ_k 2 r_k · p_k (δ_kj − p_j)
    let dot = 0;
    for (let k = 0; k < K; k++) dot += r[k]! * p[k]!;
    for (let j = 0; j < K; j++) dLogits[j] = 2 * p[j]! * (r[j]! - dot);
    return loss;
  }
  let rival = -1;
  for (let k = 0; k < K; k++) if (k !== label && (rival < 0 || logits[k]! > logits[rival]!)) rival = k;
  dLogits.fill(0);
  const margin = 1 + logits[rival]! - logits[label]!;
  if (margin <= 0) return 0;
  dLogits[rival] = 1;
  dLogits[label] = -1;
  return margin;
}

/** Binary cross-entropy of a probability p of class 1, and dLoss/dp. */
export function binaryCrossEntropy(p: number, label: number): { loss: number; dp: number } {
  const q = Math.min(Math.max(p, EPS), 1 - EPS);
  return label === 1 ? { loss: -Math.log(q), dp: -1 / q } : { loss: -Math.log(1 - q), dp: 1 / (1 - q) };
}
