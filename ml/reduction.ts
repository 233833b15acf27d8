// Feature reduction for tables wider than a model's qubits: principal component analysis on
// standardised features, fitted on the training rows only and stored with the model (like the
// scaler it feeds). Being linear, it passes gradients back exactly, so explanations are given
// for the original features.
import { symmetricEigen } from "./linalg.ts";

export interface PcaSpec {
  kind: "pca";
  /** Per original feature: the training mean and standard deviation (1 for a constant feature, to rounding). */
  mean: number[];
  scale: number[];
  /** The principal axes, one row of original-feature weights per component. */
  components: number[][];
  /** The share of the standardised training variance each component keeps. */
  explainedVariance: number[];
  /** Each original feature's training range (the explanations' baseline lies within it). */
  min: number[];
  max: number[];
}

export class Pca {
  private constructor(readonly spec: PcaSpec) {}

  /** Fits `components` principal axes to `rows` (at most as many as there are features). */
  static fit(rows: readonly (readonly number[])[], components: number): Pca {
    if (rows.length === 0) throw new Error("cannot fit a reduction on no rows");
    const d = rows[0]!.length, n = rows.length;
    if (!(components >= 1 && components <= d)) throw new Error(`a reduction keeps between 1 and ${d} components; ${components} asked for`);
    const mean = new Array<number>(d).fill(0), scale = new Array<number>(d).fill(0);
    const min = new Array<number>(d).fill(Infinity), max = new Array<number>(d).fill(-Infinity);
    for (const row of rows) {
      for (let j = 0; j < d; j++) {
        mean[j]! += row[j]! / n;
        min[j] = Math.min(min[j]!, row[j]!);
        max[j] = Math.max(max[j]!, row[j]!);
      }
    }
    for (const row of rows) for (let j = 0; j < d; j++) scale[j]! += (row[j]! - mean[j]!) ** 2 / n;
    // A feature constant up to rounding is left unscaled (its centred values stay ≈ 0), not blown up.
    for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]!) > 1e-12 * Math.max(1, Math.abs(mean[j]!)) ? Math.sqrt(scale[j]!) : 1;
    const covariance = new Float64Array(d * d);
    for (const row of rows) {
      const z = row.map((x, j) => (x - mean[j]!) / scale[j]!);
      for (let i = 0; i < d; i++) for (let j = i; j < d; j++) covariance[i * d + j]! += (z[i]! * z[j]!) / n;
    }
    for (let i = 0; i < d; i++) for (let j = 0; j < i; j++) covariance[i * d + j] = covariance[j * d + i]!;
    const { values, vectors } = symmetricEigen(covariance, d);
    const total = values.reduce((sum, v) => sum + Math.max(v, 0), 0) || 1;
    return new Pca({
      kind: "pca",
      mean,
      scale,
      components: Array.from({ length: components }, (_, c) => Array.from(vectors.subarray(c * d, (c + 1) * d))),
      explainedVariance: Array.from(values.subarray(0, components), (v) => Math.max(v, 0) / total),
      min,
      max,
    });
  }

  static fromJSON(spec: PcaSpec): Pca {
    return new Pca(spec);
  }

  /** Original features in. */
  get inputWidth(): number {
    return this.spec.mean.length;
  }

  /** Components out. */
  get outputWidth(): number {
    return this.spec.components.length;
  }

  transform(row: ArrayLike<number>, out = new Float64Array(this.outputWidth)): Float64Array {
    const { mean, scale, components } = this.spec;
    components.forEach((axis, c) => {
      let sum = 0;
      for (let j = 0; j < axis.length; j++) sum += axis[j]! * ((row[j]! - mean[j]!) / scale[j]!);
      out[c] = sum;
    });
    return out;
  }

  /** ∂f/∂original features from ∂f/∂components (the transpose of the linear map). */
  backpropagate(dOut: ArrayLike<number>): Float64Array {
    const { scale, components } = this.spec;
    const dIn = new Float64Array(this.inputWidth);
    components.forEach((axis, c) => {
      for (let j = 0; j < axis.length; j++) dIn[j]! += (dOut[c]! * axis[j]!) / scale[j]!;
    });
    return dIn;
  }

  toJSON(): PcaSpec {
    const s = this.spec;
    return { ...s, mean: [...s.mean], scale: [...s.scale], components: s.components.map((a) => [...a]), explainedVariance: [...s.explainedVariance], min: [...s.min], max: [...s.max] };
  }
}
