// Models as stored: a versioned JSON spec (structure, encoding, ansatz, scaler, classes) and the
// parameters as a little-endian Float64 blob. modelFromSpec is the one way back.
import { QuantumKernelAnomalyDetector, type AnomalySpec } from "./anomaly.ts";
import { VariationalClassifier, type ClassifierSpec } from "./classifier.ts";
import { QuantumKernelClassifier, type KernelSpec } from "./kernel.ts";
import { QuantumRecommender, type RecommenderSpec } from "./recommender.ts";
import { VariationalRegressor, type RegressorSpec } from "./regressor.ts";

export const MODEL_SPEC_VERSION = 1;

export type ModelSpec = ClassifierSpec | RegressorSpec | KernelSpec | RecommenderSpec | AnomalySpec;
export type Model = VariationalClassifier | VariationalRegressor | QuantumKernelClassifier | QuantumRecommender | QuantumKernelAnomalyDetector;

export function modelFromSpec(spec: ModelSpec): Model {
  if (spec.version !== MODEL_SPEC_VERSION) throw new Error(`model spec version ${String(spec.version)} is not supported (this build reads version ${MODEL_SPEC_VERSION})`);
  switch (spec.kind) {
    case "classifier": return new VariationalClassifier(spec);
    case "regressor": return new VariationalRegressor(spec);
    case "kernel": return new QuantumKernelClassifier(spec);
    case "recommender": return new QuantumRecommender(spec);
    case "anomaly": return new QuantumKernelAnomalyDetector(spec);
    default: throw new Error(`unknown model kind ${JSON.stringify((spec as { kind: unknown }).kind)}`);
  }
}

/** Parameters as bytes: 8 per value, little-endian IEEE 754 (the same on every machine). */
export function encodeParams(params: ArrayLike<number>): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(params.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < params.length; i++) view.setFloat64(i * 8, params[i]!, true);
  return bytes;
}

export function decodeParams(bytes: Uint8Array): Float64Array {
  if (bytes.length % 8 !== 0) throw new Error(`a parameter blob has a multiple of 8 bytes; got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Float64Array.from({ length: bytes.length / 8 }, (_, i) => view.getFloat64(i * 8, true));
}
