// The encodings, and the one place a spec turns back into an encoding.
import { AmplitudeEncoding, amplitudeQubits } from "./amplitude.ts";
import { AngleEncoding } from "./angle.ts";
import type { Encoding, EncodingSpec } from "./encoding.ts";
import { IqpEncoding } from "./iqp.ts";
import { ZZFeatureMap } from "./zz-feature-map.ts";

export { AmplitudeEncoding, AngleEncoding, IqpEncoding, ZZFeatureMap };
export type { Encoding, EncodingKind, EncodingSpec } from "./encoding.ts";

/** Qubits an encoding of `numFeatures` features needs: one per feature, or ⌈log2⌉ for amplitude encoding. */
export function encodingQubits(kind: EncodingSpec["kind"], numFeatures: number): number {
  return kind === "amplitude" ? amplitudeQubits(numFeatures) : numFeatures;
}

export function encodingFromSpec(spec: EncodingSpec): Encoding {
  switch (spec.kind) {
    case "angle": return new AngleEncoding(spec.numFeatures, spec.rotation);
    case "zz": return new ZZFeatureMap(spec.numFeatures, spec.reps, spec.entanglement);
    case "iqp": return new IqpEncoding(spec.numFeatures, spec.reps);
    case "amplitude": return new AmplitudeEncoding(spec.numFeatures);
  }
}
