// The operations a circuit is made of. Immutable plain data: easy to serialise, compare and draw.
import type { Param } from "../expr.ts";
import type { Matrix } from "../gates/matrix.ts";

/** Run the operation only if the classical bits `clbits` (bit k = clbits[k]) equal `value`. */
export interface Condition {
  readonly clbits: readonly number[];
  readonly value: number;
}

export interface GateOperation {
  readonly kind: "gate";
  /** A catalog name (h, cx, rz, ...), or "unitary" for a custom matrix. */
  readonly gate: string;
  /** The gate's own qubits, in its local order (cx: [control, target]). */
  readonly qubits: readonly number[];
  /** Extra controls added around the gate (arbitrary controlled gates); all must be |1⟩. */
  readonly controls: readonly number[];
  readonly params: readonly Param[];
  /** The matrix of a custom "unitary" gate (row-major, interleaved complex). */
  readonly matrix?: Matrix;
  /** A display name for custom gates (from OpenQASM definitions or the builder). */
  readonly label?: string;
  readonly condition?: Condition;
}

export interface MeasureOperation {
  readonly kind: "measure";
  readonly qubit: number;
  readonly clbit: number;
  readonly condition?: Condition;
}

export interface ResetOperation {
  readonly kind: "reset";
  readonly qubit: number;
  readonly condition?: Condition;
}

export interface BarrierOperation {
  readonly kind: "barrier";
  readonly qubits: readonly number[];
}

export type Operation = GateOperation | MeasureOperation | ResetOperation | BarrierOperation;

/** Every qubit the operation touches (controls first for gates). */
export function operationQubits(op: Operation): readonly number[] {
  switch (op.kind) {
    case "gate": return op.controls.length ? [...op.controls, ...op.qubits] : op.qubits;
    case "measure":
    case "reset": return [op.qubit];
    case "barrier": return op.qubits;
  }
}

/** A named, contiguous range of qubits or classical bits (an OpenQASM qreg / creg). */
export interface Register {
  readonly name: string;
  readonly start: number;
  readonly size: number;
}
