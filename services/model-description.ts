// A model's blueprint in words, for people reading a model list: what is encoded how, and every
// choice the defaults made for them (a PCA reduction of a wide table, the kernel's bandwidth).
import { blueprintQubits, type Blueprint } from "../ml/index.ts";
import { modelBlueprint, type ModelRecord } from "./models.ts";

export function describeModel(record: ModelRecord): string {
  return describeBlueprint(modelBlueprint(record));
}

export function describeBlueprint(b: Blueprint): string {
  const qubits = blueprintQubits(b);
  const parts: string[] = [];
  const features = b.task === "RECOMMENDATION" ? `${b.numFeatures} user and ${b.itemFeatures ?? 0} item features` : `${b.numFeatures} feature${b.numFeatures === 1 ? "" : "s"}`;
  if (b.reduce) {
    const why = b.reduce.chosenBy === "default" ? ` (chosen by default: the table is wider than the default budget of ${b.reduce.components} qubits; reduce: { kind: none } keeps every feature)` : "";
    parts.push(`${features} reduced by PCA to ${b.reduce.components} components${why}`);
  } else {
    parts.push(features);
  }
  const encoding = b.encoding.kind === "angle" ? `angle-encoded (${b.encoding.rotation.toUpperCase()})` : b.encoding.kind === "amplitude" ? "amplitude-encoded" : `${b.encoding.kind.toUpperCase()}-encoded (reps ${b.encoding.reps})`;
  parts.push(`${encoding} on ${qubits} qubit${qubits === 1 ? "" : "s"}`);
  switch (b.task) {
    case "KERNEL_CLASSIFICATION": {
      const bandwidth = b.bandwidth === "auto" ? "bandwidth and λ chosen on the validation split" : `bandwidth ${b.bandwidth ?? 1}, λ ${b.regularization}`;
      parts.push(`fidelity kernel + kernel ridge over ${b.classes.length} classes (${bandwidth})`);
      break;
    }
    case "ANOMALY_DETECTION": {
      const bandwidth = b.bandwidth === "auto" ? "bandwidth chosen on the validation split" : `bandwidth ${b.bandwidth ?? 1}`;
      parts.push(`fidelity-kernel density of the "${b.classes[0]}" rows (${bandwidth}); "${b.classes[1]}" flagged above the threshold that flags ${((b.falsePositiveRate ?? 0.05) * 100).toFixed(1)} % of normal validation rows`);
      break;
    }
    case "CLASSIFICATION":
      parts.push(`${b.ansatz.kind} reps ${b.ansatz.reps}${b.reupload ? " with re-uploading" : ""}, ${b.readout} readout over ${b.classes.length} classes`);
      break;
    case "REGRESSION":
      parts.push(`${b.ansatz.kind} reps ${b.ansatz.reps}${b.reupload ? " with re-uploading" : ""}, ${b.readout} readout`);
      break;
    case "RECOMMENDATION":
      parts.push(`${b.ansatz.kind} reps ${b.ansatz.reps} scoring (user, item) pairs`);
      break;
  }
  return parts.join(" → ");
}
