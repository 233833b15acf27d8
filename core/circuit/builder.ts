// A fluent, validating way to build circuits:
//   new CircuitBuilder(2).h(0).cx(0, 1).rz(symbol("theta"), 1).measureAll().build()
// Parameters come first and qubits last, as in Qiskit. Every method checks its operation.
import { CoreError } from "../errors.ts";
import { constantValue, type Param, symbol } from "../expr.ts";
import { dimensionOf, type Matrix, unitarityError } from "../gates/matrix.ts";
import { canonicalGateName, gateDefinition } from "../gates/standard.ts";
import { Circuit } from "./circuit.ts";
import type { Condition, Operation, Register } from "./operation.ts";

type P = Param;

export class CircuitBuilder {
  private readonly operations: Operation[] = [];
  private numClbits: number;

  constructor(
    readonly numQubits: number,
    numClbits = 0,
    private readonly registers: { qregs?: Register[]; cregs?: Register[] } = {},
  ) {
    if (!Number.isInteger(numQubits) || numQubits < 0) throw new CoreError("CIRCUIT_INVALID", `numQubits must be a non-negative integer, got ${numQubits}`);
    this.numClbits = numClbits;
  }

  /** Any catalog gate by name (or alias), with optional extra controls and a classical condition. */
  gate(name: string, qubits: readonly number[], params: readonly Param[] = [], options: { controls?: readonly number[]; condition?: Condition } = {}): this {
    const def = gateDefinition(name);
    if (!def) throw new CoreError("UNKNOWN_GATE", `unknown gate "${name}"`);
    if (qubits.length !== def.numQubits) throw new CoreError("CIRCUIT_INVALID", `${name} acts on ${def.numQubits} qubit(s), got ${qubits.length}`);
    if (params.length !== def.numParams) throw new CoreError("CIRCUIT_INVALID", `${name} takes ${def.numParams} parameter(s), got ${params.length}`);
    for (const p of params) {
      const value = constantValue(p);
      if (value !== undefined && !Number.isFinite(value)) throw new CoreError("CIRCUIT_INVALID", `${name} parameter must be finite, got ${value}`);
    }
    const controls = options.controls ?? [];
    this.checkQubits(name, [...controls, ...qubits]);
    if (options.condition) this.checkCondition(options.condition);
    this.operations.push({ kind: "gate", gate: canonicalGateName(name), qubits: [...qubits], controls: [...controls], params: [...params], condition: options.condition });
    return this;
  }

  /** A custom gate from its unitary matrix (row-major, interleaved complex, local qubit j = bit j). */
  unitary(matrix: Matrix | number[], qubits: readonly number[], label = "unitary", options: { controls?: readonly number[] } = {}): this {
    const m = Float64Array.from(matrix);
    const dimension = dimensionOf(m);
    if (dimension !== 1 << qubits.length || m.length !== 2 * dimension * dimension) {
      throw new CoreError("CIRCUIT_INVALID", `a unitary on ${qubits.length} qubit(s) needs ${2 * 4 ** qubits.length} numbers (interleaved complex), got ${m.length}`);
    }
    const error = unitarityError(m);
    if (!(error < 1e-9)) throw new CoreError("NOT_UNITARY", `matrix for "${label}" is not unitary (|UU†−I| = ${error.toExponential(2)})`);
    const controls = options.controls ?? [];
    this.checkQubits(label, [...controls, ...qubits]);
    this.operations.push({ kind: "gate", gate: "unitary", qubits: [...qubits], controls: [...controls], params: [], matrix: m, label });
    return this;
  }

  /** Any catalog gate with extra control qubits: controlled("x", [0, 1, 2], [3]) is a 3-controlled X. */
  controlled(name: string, controls: readonly number[], qubits: readonly number[], params: readonly Param[] = []): this {
    return this.gate(name, qubits, params, { controls });
  }

  measure(qubit: number, clbit: number, condition?: Condition): this {
    this.checkQubits("measure", [qubit]);
    if (!Number.isInteger(clbit) || clbit < 0) throw new CoreError("CIRCUIT_INVALID", `clbit must be a non-negative integer, got ${clbit}`);
    if (clbit >= this.numClbits) this.numClbits = clbit + 1;
    if (condition) this.checkCondition(condition);
    this.operations.push({ kind: "measure", qubit, clbit, condition });
    return this;
  }

  /** Measures qubit i into clbit i, adding classical bits as needed. */
  measureAll(): this {
    for (let q = 0; q < this.numQubits; q++) this.measure(q, q);
    return this;
  }

  reset(qubit: number, condition?: Condition): this {
    this.checkQubits("reset", [qubit]);
    if (condition) this.checkCondition(condition);
    this.operations.push({ kind: "reset", qubit, condition });
    return this;
  }

  barrier(...qubits: number[]): this {
    const targets = qubits.length ? qubits : Array.from({ length: this.numQubits }, (_, q) => q);
    this.checkQubits("barrier", targets);
    this.operations.push({ kind: "barrier", qubits: targets });
    return this;
  }

  /** Appends the operations of another circuit on the same (or fewer) qubits. */
  append(circuit: Circuit): this {
    if (circuit.numQubits > this.numQubits) throw new CoreError("CIRCUIT_INVALID", `cannot append ${circuit.numQubits} qubits onto ${this.numQubits}`);
    this.numClbits = Math.max(this.numClbits, circuit.numClbits);
    this.operations.push(...circuit.operations);
    return this;
  }

  build(): Circuit {
    const cregs = this.registers.cregs ?? (this.numClbits > 0 ? [{ name: "c", start: 0, size: this.numClbits }] : []);
    return new Circuit(this.numQubits, this.numClbits, [...this.operations], { qregs: this.registers.qregs, cregs });
  }

  id(q: number) { return this.gate("id", [q]); }
  x(q: number) { return this.gate("x", [q]); }
  y(q: number) { return this.gate("y", [q]); }
  z(q: number) { return this.gate("z", [q]); }
  h(q: number) { return this.gate("h", [q]); }
  s(q: number) { return this.gate("s", [q]); }
  sdg(q: number) { return this.gate("sdg", [q]); }
  t(q: number) { return this.gate("t", [q]); }
  tdg(q: number) { return this.gate("tdg", [q]); }
  sx(q: number) { return this.gate("sx", [q]); }
  sxdg(q: number) { return this.gate("sxdg", [q]); }
  rx(theta: P, q: number) { return this.gate("rx", [q], [theta]); }
  ry(theta: P, q: number) { return this.gate("ry", [q], [theta]); }
  rz(theta: P, q: number) { return this.gate("rz", [q], [theta]); }
  p(lambda: P, q: number) { return this.gate("p", [q], [lambda]); }
  u2(phi: P, lambda: P, q: number) { return this.gate("u2", [q], [phi, lambda]); }
  u3(theta: P, phi: P, lambda: P, q: number) { return this.gate("u3", [q], [theta, phi, lambda]); }
  cx(control: number, target: number) { return this.gate("cx", [control, target]); }
  cy(control: number, target: number) { return this.gate("cy", [control, target]); }
  cz(control: number, target: number) { return this.gate("cz", [control, target]); }
  ch(control: number, target: number) { return this.gate("ch", [control, target]); }
  swap(a: number, b: number) { return this.gate("swap", [a, b]); }
  iswap(a: number, b: number) { return this.gate("iswap", [a, b]); }
  ecr(a: number, b: number) { return this.gate("ecr", [a, b]); }
  crx(theta: P, control: number, target: number) { return this.gate("crx", [control, target], [theta]); }
  cry(theta: P, control: number, target: number) { return this.gate("cry", [control, target], [theta]); }
  crz(theta: P, control: number, target: number) { return this.gate("crz", [control, target], [theta]); }
  cp(lambda: P, control: number, target: number) { return this.gate("cp", [control, target], [lambda]); }
  cu3(theta: P, phi: P, lambda: P, control: number, target: number) { return this.gate("cu3", [control, target], [theta, phi, lambda]); }
  ccx(c1: number, c2: number, target: number) { return this.gate("ccx", [c1, c2, target]); }
  cswap(control: number, a: number, b: number) { return this.gate("cswap", [control, a, b]); }
  rxx(theta: P, a: number, b: number) { return this.gate("rxx", [a, b], [theta]); }
  ryy(theta: P, a: number, b: number) { return this.gate("ryy", [a, b], [theta]); }
  rzz(theta: P, a: number, b: number) { return this.gate("rzz", [a, b], [theta]); }
  /** Multi-controlled X. */
  mcx(controls: readonly number[], target: number) { return this.gate("x", [target], [], { controls }); }

  private checkQubits(what: string, qubits: readonly number[]) {
    for (const q of qubits) {
      if (!Number.isInteger(q) || q < 0 || q >= this.numQubits) {
        throw new CoreError("CIRCUIT_INVALID", `${what}: qubit ${q} is out of range (the circuit has ${this.numQubits} qubit(s): 0..${this.numQubits - 1})`);
      }
    }
    if (new Set(qubits).size !== qubits.length) throw new CoreError("CIRCUIT_INVALID", `${what}: qubits must be distinct, got [${qubits.join(", ")}]`);
  }

  private checkCondition(condition: Condition) {
    for (const c of condition.clbits) {
      if (!Number.isInteger(c) || c < 0 || c >= this.numClbits) throw new CoreError("CIRCUIT_INVALID", `condition: clbit ${c} is out of range`);
    }
    if (!Number.isInteger(condition.value) || condition.value < 0 || condition.value >= 2 ** condition.clbits.length) {
      throw new CoreError("CIRCUIT_INVALID", `condition value ${condition.value} does not fit in ${condition.clbits.length} bit(s)`);
    }
  }
}

/** A named symbolic parameter for circuits: rx(param("theta"), 0). */
export const param = symbol;
