// The encodings, and the one place a spec turns back into an encoding.
import { AmplitudeEncoding } from "./amplitude.ts";
import { AngleEncoding } from "./angle.ts";
import type { Encoding, EncodingSpec } from "./encoding.ts";
import { IqpEncoding } from "./iqp.ts";
import { ZZFeatureMap } from "./zz-feature-map.ts";

export { AmplitudeEncoding, AngleEncoding, IqpEncoding, ZZFeatureMap };
export type { Encoding, EncodingKind, EncodingSpec } from "./encoding.ts";

export function encodingFromSpec(spec: EncodingSpec): Encoding {
  switch (spec.kind) {
    case "angle": return new AngleEncoding(spec.numFeatures, spec.rotation);
    case "zz": return new ZZFeatureMap(spec.numFeatures, spec.reps, spec.entanglement);
    case "iqp": return new IqpEncoding(spec.numFeatures, spec.reps);
    case "amplitude": return new AmplitudeEncoding(spec.numFeatures);
  }
}
