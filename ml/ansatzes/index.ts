// The ansatzes, and the one place a spec turns back into an ansatz.
import type { Ansatz, AnsatzSpec } from "./ansatz.ts";
import { EfficientSU2 } from "./efficient-su2.ts";
import { RealAmplitudes } from "./real-amplitudes.ts";
import { StronglyEntanglingLayers } from "./strongly-entangling.ts";

export { EfficientSU2, RealAmplitudes, StronglyEntanglingLayers };
export type { Ansatz, AnsatzKind, AnsatzSpec } from "./ansatz.ts";
export { entanglementPairs, ENTANGLEMENTS, type Entanglement } from "./entanglement.ts";

export function ansatzFromSpec(spec: AnsatzSpec): Ansatz {
  switch (spec.kind) {
    case "realAmplitudes": return new RealAmplitudes(spec.numQubits, spec.reps, spec.entanglement);
    case "efficientSU2": return new EfficientSU2(spec.numQubits, spec.reps, spec.entanglement);
    case "stronglyEntangling": return new StronglyEntanglingLayers(spec.numQubits, spec.reps, spec.entanglement);
  }
}
