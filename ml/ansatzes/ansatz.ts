// A trainable circuit block. Gates read their angles from weight symbols (`weights[k]`), so the
// same compiled circuit runs with any weights. Parameter counts are documented per ansatz.
import type { CircuitBuilder, Param } from "../../core/index.ts";
import type { Entanglement } from "./entanglement.ts";

export interface Ansatz {
  readonly kind: AnsatzKind;
  readonly numQubits: number;
  readonly numWeights: number;
  apply(builder: CircuitBuilder, weights: readonly Param[]): void;
  toJSON(): AnsatzSpec;
}

export type AnsatzKind = "realAmplitudes" | "efficientSU2" | "stronglyEntangling";

export interface AnsatzSpec {
  kind: AnsatzKind;
  numQubits: number;
  reps: number;
  entanglement: Entanglement;
}
