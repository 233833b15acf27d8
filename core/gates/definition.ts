// What the engine knows about a gate: its matrix as a function of its parameters, the exact
// derivative of that matrix (for adjoint gradients), the shift rule for each parameter, its
// inverse, and its structure (which picks a specialised kernel).
import type { Param } from "../expr.ts";
import type { Matrix } from "./matrix.ts";

export type GateStructure =
  | "general"
  | "diagonal" // phases only: multiplies amplitudes, never mixes them
  | "x" // NOT on the last local qubit when all the others are 1 (cx, ccx): a swap of amplitudes
  | "swap"; // exchanges the last two local qubits when all the others are 1 (swap, cswap)

/**
 * "two-term": generator eigenvalues differ by 1 (rx, p, u3...): ∂f = [f(θ+π/2) − f(θ−π/2)]/2.
 * "four-term": eigenvalues {0, ±1/2} (controlled rotations); see core/gradients/parameter-shift.ts.
 */
export type ShiftRule = "two-term" | "four-term";

export interface GateDefinition {
  readonly name: string;
  readonly numQubits: number;
  readonly numParams: number;
  readonly structure: GateStructure;
  /** Conventional names of the parameters, for documentation and drawings. */
  readonly paramNames?: readonly string[];
  matrix(params: ArrayLike<number>): Matrix;
  /** ∂matrix/∂params[k]. Present when numParams > 0. */
  derivative?(params: ArrayLike<number>, k: number): Matrix;
  readonly shiftRules?: readonly ShiftRule[];
  /**
   * This gate is `base` with its first `controls` local qubits as controls (cx = x controlled by
   * one qubit). The compiler runs it as the base gate under a control mask: cheaper kernels.
   */
  readonly controlledBase?: { readonly gate: string; readonly controls: number };
  /** The gate (and parameters) that undoes this one, when it has a name in the catalog. */
  inverse?(params: readonly Param[]): { gate: string; params: Param[] };
}
