// A data encoding writes classical features into a circuit as gate angles. Gates take their angles
// from symbolic *inputs* (`in0`, `in1`, ...) so one compiled circuit serves every data point; an
// encoding maps a (scaled) feature vector to those input values. For angle, ZZ and IQP encodings
// the inputs are the features themselves; amplitude encoding derives them (rotation-tree angles).
import type { CircuitBuilder, Param } from "../../core/index.ts";

export interface Encoding {
  readonly kind: EncodingKind;
  readonly numQubits: number;
  readonly numFeatures: number;
  /** How many input symbols the gates read. */
  readonly numInputs: number;
  /** Appends the encoding's gates, reading input k from `inputs[k]`. */
  apply(builder: CircuitBuilder, inputs: readonly Param[]): void;
  /** Input values for one feature vector (length numFeatures) into `out` (length numInputs). */
  inputsOf(features: ArrayLike<number>, out: Float64Array): void;
  /** True when inputsOf is the identity (inputs are the features), so ∂inputs/∂features = I. */
  readonly direct: boolean;
  /** The encoding as plain JSON (part of a model spec). */
  toJSON(): EncodingSpec;
}

export type EncodingKind = "angle" | "zz" | "iqp" | "amplitude";

export type EncodingSpec =
  | { kind: "angle"; numFeatures: number; rotation: "rx" | "ry" | "rz" }
  | { kind: "zz"; numFeatures: number; reps: number; entanglement: "linear" | "ring" | "full" }
  | { kind: "iqp"; numFeatures: number; reps: number }
  | { kind: "amplitude"; numFeatures: number };

/** Copies features to inputs: the encodings whose gates read the features directly. */
export function copyInputs(features: ArrayLike<number>, out: Float64Array): void {
  for (let i = 0; i < out.length; i++) out[i] = features[i]!;
}
