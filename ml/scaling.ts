// Feature scaling, fitted on training data only and stored with the model: each feature maps
// linearly from its training range [min, max] onto [low, high] (angles: [0, π] by default).
// A constant feature maps to the middle of the range. With a reduction (PCA), the scaler maps the
// principal components instead, and the raw row goes through the reduction first.
import { Pca, type PcaSpec } from "./reduction.ts";

export interface ScalerSpec {
  kind: "minmax";
  low: number;
  high: number;
  /** Per scaled feature (a component, with a reduction): its training range. */
  min: number[];
  max: number[];
  /** Absent: no reduction. */
  reduce?: PcaSpec;
}

/** A reduction asked for at fit time: keep this many principal components. */
export interface ReduceOptions {
  kind: "pca";
  components: number;
}

export class FeatureScaler {
  private readonly pca: Pca | null;

  private constructor(readonly spec: ScalerSpec) {
    this.pca = spec.reduce ? Pca.fromJSON(spec.reduce) : null;
  }

  static fit(rows: readonly (readonly number[])[], low = 0, high = Math.PI, reduce?: ReduceOptions | null): FeatureScaler {
    if (rows.length === 0) throw new Error("cannot fit a scaler on no rows");
    const pca = reduce ? Pca.fit(rows, reduce.components) : null;
    const scaled = pca ? rows.map((row) => pca.transform(row)) : rows;
    const width = scaled[0]!.length;
    const min = new Array<number>(width).fill(Infinity), max = new Array<number>(width).fill(-Infinity);
    for (const row of scaled) {
      for (let j = 0; j < width; j++) {
        min[j] = Math.min(min[j]!, row[j]!);
        max[j] = Math.max(max[j]!, row[j]!);
      }
    }
    return new FeatureScaler({ kind: "minmax", low, high, min, max, ...(pca ? { reduce: pca.toJSON() } : {}) });
  }

  static fromJSON(spec: ScalerSpec): FeatureScaler {
    return new FeatureScaler(spec);
  }

  /** Features out: what the encoding receives (components, with a reduction). */
  get numFeatures(): number {
    return this.spec.min.length;
  }

  /** Features in: a raw row's width. */
  get inputWidth(): number {
    return this.pca?.inputWidth ?? this.numFeatures;
  }

  /** Each raw feature's training range (where explanations put their baseline). */
  get rawRange(): { min: number[]; max: number[] } {
    return this.spec.reduce ? { min: this.spec.reduce.min, max: this.spec.reduce.max } : { min: this.spec.min, max: this.spec.max };
  }

  /** d(scaled_j)/d(input of the min–max step)_j; 0 for a feature constant up to rounding. */
  slope(j: number): number {
    const min = this.spec.min[j]!, max = this.spec.max[j]!;
    return max - min > 1e-12 * Math.max(1, Math.abs(min), Math.abs(max)) ? (this.spec.high - this.spec.low) / (max - min) : 0;
  }

  transform(row: ArrayLike<number>, out = new Float64Array(this.numFeatures)): Float64Array {
    const { low, high, min } = this.spec;
    const input = this.pca ? this.pca.transform(row) : row;
    for (let j = 0; j < this.numFeatures; j++) {
      const slope = this.slope(j);
      out[j] = slope === 0 ? (low + high) / 2 : low + (input[j]! - min[j]!) * slope;
    }
    return out;
  }

  /** ∂f/∂raw features from ∂f/∂scaled features: the attributions' way back to the user's columns. */
  backpropagate(dScaled: ArrayLike<number>): Float64Array {
    const dInput = Float64Array.from({ length: this.numFeatures }, (_, j) => dScaled[j]! * this.slope(j));
    return this.pca ? this.pca.backpropagate(dInput) : dInput;
  }

  transformAll(rows: readonly (readonly number[])[]): Float64Array {
    const out = new Float64Array(rows.length * this.numFeatures);
    rows.forEach((row, i) => this.transform(row, out.subarray(i * this.numFeatures, (i + 1) * this.numFeatures)));
    return out;
  }

  toJSON(): ScalerSpec {
    return { ...this.spec, min: [...this.spec.min], max: [...this.spec.max], ...(this.pca ? { reduce: this.pca.toJSON() } : {}) };
  }
}
