// Kernel bandwidth and ridge λ, chosen together on the validation split (Shaydulin & Wild,
// "Importance of kernel bandwidth in quantum machine learning", 2022): a fidelity kernel's
// angles scaled by c concentrate (every pair ≈ orthogonal) as qubits grow unless c shrinks.
// Each grid cell fits kernel ridge on (a subsample of) the training rows and scores the
// validation rows; the best validation accuracy wins, ties to the lower validation error.
import type { Labeled } from "../data/dataset.ts";
import { choleskySolve } from "../linalg.ts";
import { fidelityGram, oneVsRestTargets, QuantumKernelClassifier, type KernelOptions } from "./kernel.ts";

/** The bandwidths tried: factors on the encoding angles (1 = the feature range as given). */
export const KERNEL_BANDWIDTHS = [0.1, 0.2, 0.5, 1, 2] as const;
/** The ridge λ tried with each. */
export const KERNEL_REGULARIZATIONS = [0.001, 0.01, 0.1, 1] as const;

export interface KernelGridCell {
  bandwidth: number;
  regularization: number;
  /** Validation accuracy, and the mean squared error of the ±1 one-vs-rest scores. */
  accuracy: number;
  error: number;
}

export interface KernelSelection {
  bandwidth: number;
  regularization: number;
  /** Training rows the grid was fitted on (all of them, or an evenly spaced subsample when the budget is smaller). */
  trainRows: number;
  validationRows: number;
  grid: KernelGridCell[];
}

/** Chooses bandwidth and λ on `validation`, fitting on at most `maxTrainRows` training rows (and scoring at most as many validation rows). */
export function selectKernel(train: Labeled, validation: Labeled, options: KernelOptions, maxTrainRows: number): KernelSelection {
  const S = evenly(train, maxTrainRows), V = evenly(validation, maxTrainRows);
  const K = options.classes.length, n = S.rows.length;
  const grid: KernelGridCell[] = [];
  if (V.rows.length === 0 || n < 2) return { bandwidth: 1, regularization: options.regularization ?? 0.1, trainRows: n, validationRows: V.rows.length, grid };
  const targets = oneVsRestTargets(S.labels, K);
  for (const bandwidth of KERNEL_BANDWIDTHS) {
    // The scaler is fitted on the whole training split, as the final fit's is.
    const map = QuantumKernelClassifier.featureMap(train, { ...options, bandwidth });
    const gram = fidelityGram(map, [...S.rows, ...V.rows], S.rows);
    for (const regularization of KERNEL_REGULARIZATIONS) {
      const system = gram.slice(0, n * n);
      for (let i = 0; i < n; i++) system[i * n + i]! += regularization;
      const alphas = choleskySolve(system, n, targets, K);
      let correct = 0, error = 0;
      V.rows.forEach((_, r) => {
        const scores = new Float64Array(K);
        for (let i = 0; i < n; i++) for (let k = 0; k < K; k++) scores[k]! += gram[(n + r) * n + i]! * alphas[i * K + k]!;
        let best = 0;
        for (let k = 0; k < K; k++) {
          if (scores[k]! > scores[best]!) best = k;
          error += (scores[k]! - (k === V.labels[r] ? 1 : -1)) ** 2 / (K * V.rows.length);
        }
        if (best === V.labels[r]) correct++;
      });
      grid.push({ bandwidth, regularization, accuracy: correct / V.rows.length, error });
    }
  }
  const best = grid.reduce((a, b) => (b.accuracy > a.accuracy || (b.accuracy === a.accuracy && b.error < a.error) ? b : a));
  return { bandwidth: best.bandwidth, regularization: best.regularization, trainRows: n, validationRows: V.rows.length, grid };
}

/** Work units of selectKernel on `trainRows` × `validationRows` rows: states per bandwidth, inner products, and a solve per cell. */
export function kernelSelectionWork(stateWork: number, amplitudes: number, trainRows: number, validationRows: number): number {
  const perBandwidth = (trainRows + validationRows) * stateWork + 4 * (trainRows + validationRows) * trainRows * amplitudes;
  return KERNEL_BANDWIDTHS.length * (perBandwidth + KERNEL_REGULARIZATIONS.length * trainRows ** 3 / 3);
}

/** At most `count` rows, evenly spaced (every row when there are fewer). */
function evenly(data: Labeled, count: number): Labeled {
  const n = data.rows.length;
  if (n <= count) return data;
  const picks = Array.from({ length: count }, (_, i) => Math.floor((i * n) / count));
  return { rows: picks.map((i) => data.rows[i]!), labels: picks.map((i) => data.labels[i]!) };
}
