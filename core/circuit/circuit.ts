// An immutable quantum circuit: qubits, classical bits, registers and a list of operations.
// Qubit order follows Qiskit: amplitude index bit i is qubit i (little-endian).
import { CoreError } from "../errors.ts";
import { evaluate, type Param, symbolsOf } from "../expr.ts";
import { adjoint, type Matrix } from "../gates/matrix.ts";
import { gateDefinition } from "../gates/standard.ts";
import { type GateOperation, type Operation, operationQubits, type Register } from "./operation.ts";

export class Circuit {
  readonly qregs: readonly Register[];
  readonly cregs: readonly Register[];
  private cachedParameters?: string[];

  constructor(
    readonly numQubits: number,
    readonly numClbits: number,
    readonly operations: readonly Operation[],
    registers: { qregs?: readonly Register[]; cregs?: readonly Register[] } = {},
  ) {
    this.qregs = registers.qregs ?? (numQubits > 0 ? [{ name: "q", start: 0, size: numQubits }] : []);
    this.cregs = registers.cregs ?? (numClbits > 0 ? [{ name: "c", start: 0, size: numClbits }] : []);
    Object.freeze(this.operations);
  }

  /** Names of the symbolic parameters, sorted. */
  get parameters(): string[] {
    if (!this.cachedParameters) {
      const names = new Set<string>();
      for (const op of this.operations) if (op.kind === "gate") for (const p of op.params) symbolsOf(p, names);
      this.cachedParameters = [...names].sort();
    }
    return this.cachedParameters;
  }

  /** Number of gate layers (Qiskit's depth: barriers do not count; measurements do). */
  depth(): number {
    const level = new Array<number>(this.numQubits).fill(0);
    const clevel = new Array<number>(this.numClbits).fill(0);
    let depth = 0;
    for (const op of this.operations) {
      if (op.kind === "barrier") continue;
      const qubits = operationQubits(op);
      const clbits = [...(op.kind === "measure" ? [op.clbit] : []), ...(op.condition?.clbits ?? [])];
      const next = 1 + Math.max(0, ...qubits.map((q) => level[q]!), ...clbits.map((c) => clevel[c]!));
      for (const q of qubits) level[q] = next;
      for (const c of clbits) clevel[c] = next;
      depth = Math.max(depth, next);
    }
    return depth;
  }

  /** How many of each operation: { h: 2, cx: 1, measure: 2 }. */
  gateCounts(): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const op of this.operations) {
      const name = op.kind === "gate" ? displayName(op) : op.kind;
      counts[name] = (counts[name] ?? 0) + 1;
    }
    return counts;
  }

  /** A copy with symbols replaced by numbers (unlisted symbols stay symbolic). */
  bind(values: Readonly<Record<string, number>>): Circuit {
    const bindParam = (p: Param): Param => {
      if (typeof p === "number") return p;
      const free = [...symbolsOf(p)].filter((s) => values[s] === undefined);
      return free.length === 0 ? evaluate(p, values) : p;
    };
    return this.withOperations(this.operations.map((op) => (op.kind === "gate" ? { ...op, params: op.params.map(bindParam) } : op)));
  }

  /** The inverse circuit U†. Only for circuits of gates (and barriers). */
  inverse(): Circuit {
    const inverted = [...this.operations].reverse().map((op): Operation => {
      if (op.kind === "barrier") return op;
      if (op.kind !== "gate" || op.condition) {
        throw new CoreError("CIRCUIT_INVALID", `cannot invert a circuit with ${op.kind === "gate" ? "classically conditioned gates" : op.kind} operations`);
      }
      return invertGate(op);
    });
    return this.withOperations(inverted);
  }

  /** The same qubits, bits and registers with other operations. */
  withOperations(operations: readonly Operation[]): Circuit {
    return new Circuit(this.numQubits, this.numClbits, operations, { qregs: this.qregs, cregs: this.cregs });
  }

  /** True when a measurement or reset is followed by anything acting on the same qubit, or a gate is classically conditioned. */
  hasMidCircuitMeasurement(): boolean {
    const measured = new Set<number>();
    for (const op of this.operations) {
      if (op.kind === "barrier") continue;
      if (op.condition) return true;
      if (op.kind === "reset") return true;
      const qubits = operationQubits(op);
      if (op.kind === "gate" && qubits.some((q) => measured.has(q))) return true;
      if (op.kind === "measure") {
        if (measured.has(op.qubit)) return true;
        measured.add(op.qubit);
      }
    }
    return false;
  }
}

export function displayName(op: GateOperation): string {
  const base = op.label ?? op.gate;
  return op.controls.length ? `${"c".repeat(op.controls.length)}${base}` : base;
}

/** The operation that undoes a gate operation (named inverse, or the adjoint matrix). */
export function invertGate(op: GateOperation): GateOperation {
  if (op.gate === "unitary") return { ...op, matrix: adjoint(op.matrix!), label: op.label ? `${op.label}_dg` : undefined };
  const def = gateDefinition(op.gate)!;
  if (def.inverse) {
    const { gate, params } = def.inverse(op.params);
    return { ...op, gate, params };
  }
  // No named inverse (iswap, csx): invert the matrix, which needs numeric parameters.
  const values = op.params.map((p) => {
    if (typeof p !== "number" && symbolsOf(p).size) throw new CoreError("CIRCUIT_INVALID", `cannot invert symbolic ${op.gate}: bind its parameters first`);
    return evaluate(p, {});
  });
  return { ...op, gate: "unitary", params: [], matrix: adjoint(def.matrix(values)) as Matrix, label: `${op.gate}_dg` };
}

