// Feature scaling, fitted on training data only and stored with the model: each feature maps
// linearly from its training range [min, max] onto [low, high] (angles: [0, π] by default).
// A constant feature maps to the middle of the range.

export interface ScalerSpec {
  kind: "minmax";
  low: number;
  high: number;
  min: number[];
  max: number[];
}

export class FeatureScaler {
  private constructor(readonly spec: ScalerSpec) {}

  static fit(rows: readonly (readonly number[])[], low = 0, high = Math.PI): FeatureScaler {
    if (rows.length === 0) throw new Error("cannot fit a scaler on no rows");
    const width = rows[0]!.length;
    const min = new Array<number>(width).fill(Infinity), max = new Array<number>(width).fill(-Infinity);
    for (const row of rows) {
      for (let j = 0; j < width; j++) {
        min[j] = Math.min(min[j]!, row[j]!);
        max[j] = Math.max(max[j]!, row[j]!);
      }
    }
    return new FeatureScaler({ kind: "minmax", low, high, min, max });
  }

  static fromJSON(spec: ScalerSpec): FeatureScaler {
    return new FeatureScaler(spec);
  }

  get numFeatures(): number {
    return this.spec.min.length;
  }

  /** d(scaled_j)/d(raw_j): the factor attributions pass through. */
  slope(j: number): number {
    const span = this.spec.max[j]! - this.spec.min[j]!;
    return span > 0 ? (this.spec.high - this.spec.low) / span : 0;
  }

  transform(row: ArrayLike<number>, out = new Float64Array(this.numFeatures)): Float64Array {
    const { low, high, min } = this.spec;
    for (let j = 0; j < this.numFeatures; j++) {
      const slope = this.slope(j);
      out[j] = slope === 0 ? (low + high) / 2 : low + (row[j]! - min[j]!) * slope;
    }
    return out;
  }

  transformAll(rows: readonly (readonly number[])[]): Float64Array {
    const out = new Float64Array(rows.length * this.numFeatures);
    rows.forEach((row, i) => this.transform(row, out.subarray(i * this.numFeatures, (i + 1) * this.numFeatures)));
    return out;
  }

  toJSON(): ScalerSpec {
    return { ...this.spec, min: [...this.spec.min], max: [...this.spec.max] };
  }
}
