// Compiles a circuit once into a program of kernel steps, run many times with new parameter values:
// - controlled catalog gates become their base gate under a control mask (cx → x if control is 1);
// - runs of one-qubit gates on the same qubit fuse into a single 2×2 step;
// - each step gets the kernel its structure allows (diagonal, NOT, swap, real or complex 2×2, dense);
// - parameter expressions compile to closures, and so do their derivatives (for gradients).
import type { Circuit } from "../circuit/circuit.ts";
import type { Condition, GateOperation } from "../circuit/operation.ts";
import { CoreError } from "../errors.ts";
import { compileExpr, constantValue, derivative, type Param, symbolsOf } from "../expr.ts";
import type { GateDefinition, GateStructure, ShiftRule } from "../gates/definition.ts";
import { identity, isDiagonal, type Matrix, multiply } from "../gates/matrix.ts";
import { gateDefinition } from "../gates/standard.ts";
import { maskOf } from "../kernels/indexing.ts";

/** One original gate inside a step. */
export interface CompiledGate {
  /** Index of the operation in the circuit. */
  readonly opIndex: number;
  readonly def: GateDefinition | undefined; // undefined for custom unitaries
  /** Set when the gate does not depend on symbols. */
  readonly constantMatrix?: Matrix;
  /** Gate parameter values from the symbol values. */
  readonly params: ((values: Float64Array) => number)[];
  /** For each gate parameter, d(param)/d(symbol) for each symbol it uses. */
  readonly paramGradients: { symbol: number; fn: (values: Float64Array) => number }[][];
  /** Parameter-shift rule per parameter, from the gate as written (crx keeps its four-term rule). */
  readonly shiftRules: readonly ShiftRule[];
}

export interface GateStep {
  readonly kind: "gate";
  /** The qubits the matrix acts on (local bit j = targets[j]). */
  readonly targets: readonly number[];
  /** Control qubits (as a bit mask) that must all be 1. */
  readonly cmask: number;
  readonly structure: GateStructure;
  /** Applied in order: gates[0] first. */
  readonly gates: readonly CompiledGate[];
  /** The step's matrix when no gate depends on symbols. */
  readonly constantMatrix?: Matrix;
  readonly condition?: Condition;
}

export interface MeasureStep { readonly kind: "measure"; readonly qubit: number; readonly clbit: number; readonly condition?: Condition }
export interface ResetStep { readonly kind: "reset"; readonly qubit: number; readonly condition?: Condition }
export type Step = GateStep | MeasureStep | ResetStep;

export interface Program {
  readonly numQubits: number;
  readonly numClbits: number;
  /** Symbol names; a values array holds them in this order. */
  readonly symbols: readonly string[];
  readonly steps: readonly Step[];
  /** True when the program has measurements, resets or conditions (it is not a pure unitary). */
  readonly hasNonUnitary: boolean;
}

export interface CompileOptions {
  /** Fuse runs of one-qubit gates (default true; off for debugging and comparison). */
  fuse?: boolean;
}

export function compileCircuit(circuit: Circuit, options: CompileOptions = {}): Program {
  const fuse = options.fuse ?? true;
  const symbols = circuit.parameters;
  const symbolIndex = new Map(symbols.map((s, i) => [s, i]));
  const indexOf = (name: string) => symbolIndex.get(name)!;
  const steps: Step[] = [];
  const pending = new Map<number, { gates: CompiledGate[] }>();

  const flush = (q: number) => {
    const run = pending.get(q);
    if (!run) return;
    pending.delete(q);
    steps.push(makeStep([q], 0, run.gates));
  };

  circuit.operations.forEach((op, opIndex) => {
    if (op.kind === "barrier") return;
    if (op.kind !== "gate") {
      flush(op.qubit);
      steps.push(op.kind === "measure" ? { kind: "measure", qubit: op.qubit, clbit: op.clbit, condition: op.condition } : { kind: "reset", qubit: op.qubit, condition: op.condition });
      return;
    }
    const { targets, cmask, gate } = normalise(op, opIndex, indexOf);
    if (fuse && targets.length === 1 && cmask === 0 && !op.condition) {
      const q = targets[0]!;
      const run = pending.get(q);
      if (run) run.gates.push(gate);
      else pending.set(q, { gates: [gate] });
      return;
    }
    for (const q of targets) flush(q);
    for (let q = 0; cmask >> q; q++) if ((cmask >> q) & 1) flush(q);
    steps.push(makeStep(targets, cmask, [gate], op.condition));
  });
  for (const q of [...pending.keys()].sort((a, b) => a - b)) flush(q);

  const hasNonUnitary = steps.some((s) => s.kind !== "gate" || s.condition !== undefined);
  return { numQubits: circuit.numQubits, numClbits: circuit.numClbits, symbols, steps, hasNonUnitary };
}

/** A controlled catalog gate becomes its base gate plus controls in the mask. */
function normalise(op: GateOperation, opIndex: number, indexOf: (name: string) => number) {
  let cmask = maskOf(op.controls);
  if (op.gate === "unitary") {
    return { targets: op.qubits, cmask, gate: { opIndex, def: undefined, constantMatrix: op.matrix!, params: [], paramGradients: [], shiftRules: [] } as CompiledGate };
  }
  let def = gateDefinition(op.gate);
  if (!def) throw new CoreError("UNKNOWN_GATE", `unknown gate "${op.gate}"`);
  // Extra controls turn any rotation into a controlled rotation: its parameters need four terms.
  const shiftRules = (def.shiftRules ?? []).map((rule) => (op.controls.length ? "four-term" : rule));
  let targets = op.qubits;
  if (def.controlledBase) {
    const { gate, controls } = def.controlledBase;
    cmask |= maskOf(op.qubits.slice(0, controls));
    targets = op.qubits.slice(controls);
    def = gateDefinition(gate)!;
  }
  return { targets, cmask, gate: compileGate(def, op.params, opIndex, indexOf, shiftRules) };
}

function compileGate(def: GateDefinition, params: readonly Param[], opIndex: number, indexOf: (name: string) => number, shiftRules: readonly ShiftRule[]): CompiledGate {
  const constants = params.map(constantValue);
  const isConstant = constants.every((v) => v !== undefined);
  return {
    opIndex,
    def,
    constantMatrix: isConstant ? def.matrix(constants as number[]) : undefined,
    params: params.map((p) => compileExpr(p, indexOf)),
    paramGradients: params.map((p) =>
      [...symbolsOf(p)].map((name) => ({ symbol: indexOf(name), fn: compileExpr(derivative(p, name), indexOf) })),
    ),
    shiftRules,
  };
}

function makeStep(targets: readonly number[], cmask: number, gates: CompiledGate[], condition?: Condition): GateStep {
  const allConstant = gates.every((g) => g.constantMatrix);
  let structure: GateStructure =
    gates.length === 1 && gates[0]!.def ? gates[0]!.def.structure : gates.every((g) => g.def?.structure === "diagonal") ? "diagonal" : "general";
  let constantMatrix: Matrix | undefined;
  if (allConstant) {
    constantMatrix = gates.reduce<Matrix>((acc, g) => multiply(g.constantMatrix!, acc), identity(1 << targets.length));
    if (structure === "general" && isDiagonal(constantMatrix)) structure = "diagonal";
  }
  return { kind: "gate", targets, cmask, structure, gates, constantMatrix, condition };
}

/** The matrix of one gate for the given symbol values (an optional shift on one of its parameters). */
export function gateMatrix(gate: CompiledGate, values: Float64Array, shift?: { param: number; delta: number }): Matrix {
  if (gate.constantMatrix && !shift) return gate.constantMatrix;
  const params = gate.params.map((f, k) => f(values) + (shift && shift.param === k ? shift.delta : 0));
  return gate.def!.matrix(params);
}

/** The step's matrix for the given symbol values (product of its gates). */
export function stepMatrix(step: GateStep, values: Float64Array, shift?: { opIndex: number; param: number; delta: number }): Matrix {
  if (step.constantMatrix && !(shift && step.gates.some((g) => g.opIndex === shift.opIndex))) return step.constantMatrix;
  let m: Matrix | undefined;
  for (const gate of step.gates) {
    const g = gateMatrix(gate, values, shift && shift.opIndex === gate.opIndex ? shift : undefined);
    m = m ? multiply(g, m) : g;
  }
  return m!;
}

/** Resolves a bindings object to a values array in the program's symbol order. */
export function bindingValues(program: Program, bindings: Readonly<Record<string, number>> = {}): Float64Array {
  const values = new Float64Array(program.symbols.length);
  program.symbols.forEach((name, i) => {
    const value = bindings[name];
    if (value === undefined) {
      throw new CoreError("UNBOUND_PARAMETER", `parameter "${name}" has no value (the circuit's parameters: ${program.symbols.join(", ")})`);
    }
    if (!Number.isFinite(value)) throw new CoreError("CIRCUIT_INVALID", `parameter "${name}" must be a finite number, got ${value}`);
    values[i] = value;
  });
  return values;
}

