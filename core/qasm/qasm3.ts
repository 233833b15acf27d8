// OpenQASM 3 reader for static circuits, the subset Qiskit's qasm3.dumps and Cirq write:
// include "stdgates.inc"; qubit[n] / bit[n] (and qreg/creg); input float[64] θ → symbolic
// parameters; gate definitions; modifiers ctrl @, negctrl @, inv @, pow(k) @; c[i] = measure q[i];
// reset; barrier; if (c == n) { ... }; gphase. Anything else is refused by name and position.
import { Circuit, invertGate } from "../circuit/circuit.ts";
import type { Condition, GateOperation, Operation, Register } from "../circuit/operation.ts";
import { CoreError } from "../errors.ts";
import { constantValue, type Expr, symbol, unary } from "../expr.ts";
import { gateDefinition } from "../gates/standard.ts";
import { matrixPower } from "../gates/power.ts";
import { type NameResolver, parseParameterList } from "./expression.ts";
import { type Token, tokenize, TokenStream } from "./lexer.ts";
import { gateNesting, type QasmReadOptions, readLimits, tooManyOperations } from "./read-options.ts";
import { STDGATES, UNSUPPORTED_QASM3 } from "./stdgates.ts";
import { checkFinite, FORMAL, substituteCall } from "./substitute.ts";

type Modifier = { kind: "inv" } | { kind: "pow"; exponent: Expr } | { kind: "ctrl" | "negctrl"; count: number };
interface Call { token: Token; modifiers: Modifier[]; params: Expr[] }
interface BodyCall extends Call { name: string; args: string[] }
interface BodyPhase { kind: "gphase"; angle: Expr }
type GateEntry = { kind: "native"; gate: string; params: number; qubits: number } | { kind: "user"; params: string[]; qubits: string[]; body: (BodyCall | BodyPhase)[]; nesting: number };
/** An expanded gate: an operation, or a global phase (which matters once controlled). */
type Raw = GateOperation | { kind: "gphase"; angle: Expr; controls: number[] };

export function parseQasm3(source: string, options: QasmReadOptions = {}): Circuit {
  return new Qasm3Reader(tokenize(source), options).read();
}

class Qasm3Reader {
  private readonly tokens: TokenStream;
  private readonly maxQubits: number;
  private readonly maxOperations: number;
  private readonly qregs = new Map<string, Register>();
  private readonly cregs = new Map<string, Register>();
  private readonly inputs = new Map<string, Expr>();
  private readonly gates = new Map<string, GateEntry>([
    ["U", { kind: "native", gate: "u3", params: 3, qubits: 1 }],
  ]);
  private readonly operations: Operation[] = [];
  private numQubits = 0;
  private numClbits = 0;
  private physical = false;

  constructor(tokens: Token[], options: QasmReadOptions) {
    this.tokens = new TokenStream(tokens);
    ({ maxQubits: this.maxQubits, maxOperations: this.maxOperations } = readLimits(options));
  }

  read(): Circuit {
    const t = this.tokens;
    t.expect("OPENQASM", "at the start of the program (OPENQASM 3.0;)");
    const version = t.next();
    if (!/^3(\.0)?$/.test(version.text)) throw t.error("only OpenQASM 3.0 is read here", version, "QASM_UNSUPPORTED");
    t.expect(";", "after the version");
    while (t.peek().kind !== "eof") this.statement(undefined);
    return new Circuit(this.numQubits, this.numClbits, this.operations, {
      qregs: this.physical ? [{ name: "$", start: 0, size: this.numQubits }] : [...this.qregs.values()],
      cregs: [...this.cregs.values()],
    });
  }

  private statement(condition: Condition | undefined) {
    const t = this.tokens;
    const token = t.peek();
    if (t.is("#") || t.is("@")) throw t.error("pragmas and annotations are not supported", token, "QASM_UNSUPPORTED");
    if (token.kind !== "identifier") throw t.error("expected a statement");
    const text = token.text;
    if (condition && ["include", "input", "qubit", "bit", "qreg", "creg", "gate", "if"].includes(text)) {
      throw t.error(`'${text}' cannot appear inside an if block`, token, "QASM_UNSUPPORTED");
    }
    if (UNSUPPORTED_QASM3.has(text) && !(t.peek(1).kind === "symbol" && t.peek(1).text === "=")) {
      throw t.error(`'${text}' is outside the supported subset (static circuits: declarations, gates, measure, reset, barrier, if)`, token, "QASM_UNSUPPORTED");
    }
    switch (text) {
      case "include": return this.include();
      case "input": return this.input();
      case "qubit": case "bit": return this.declaration(text === "qubit" ? "qreg" : "creg", true);
      case "qreg": case "creg": return this.declaration(text, false);
      case "gate": return this.gateDefinition();
      case "opaque": throw t.error("opaque gates cannot be simulated", token, "QASM_UNSUPPORTED");
      case "barrier": return this.barrier();
      case "reset": return this.reset(condition);
      case "if": return this.conditional();
      case "gphase": t.next(); this.parenthesised(); t.expect(";", "after gphase"); return; // a global phase alone changes nothing observable
      case "measure": return this.measureArrow(condition);
    }
    if (t.is("=", 1) || (t.is("[", 1) && this.isAssignment())) return this.measureAssignment(condition);
    this.gateCall(condition);
  }

  private isAssignment(): boolean {
    for (let k = 1; k < 8; k++) if (this.tokens.is("=", k)) return true;
    return false;
  }

  private include() {
    const t = this.tokens;
    t.next();
    const file = t.expectKind("string", 'a file name in quotes, e.g. "stdgates.inc"');
    t.expect(";", "after include");
    if (file.text !== '"stdgates.inc"') throw t.error('only "stdgates.inc" can be included', file, "QASM_UNSUPPORTED");
    for (const [name, g] of Object.entries(STDGATES)) if (!this.gates.has(name)) this.gates.set(name, { kind: "native", ...g });
  }

  private input() {
    const t = this.tokens;
    t.next();
    const type = t.expectKind("identifier", "a type (float or angle)");
    if (type.text !== "float" && type.text !== "angle") throw t.error("only float and angle inputs are supported", type, "QASM_UNSUPPORTED");
    if (t.accept("[")) {
      t.expectKind("integer", "a width");
      t.expect("]");
    }
    const name = t.expectKind("identifier", "the input's name");
    t.expect(";", "after the input declaration");
    if (this.inputs.has(name.text)) throw t.error(`input '${name.text}' is already declared`, name, "QASM_SEMANTIC");
    this.inputs.set(name.text, symbol(name.text));
  }

  private declaration(kind: "qreg" | "creg", modern: boolean) {
    const t = this.tokens;
    t.next();
    let size = 1;
    let sizeToken = t.peek();
    const readSize = () => {
      t.expect("[");
      sizeToken = t.expectKind("integer", "the register size");
      size = Number(sizeToken.text);
      t.expect("]", "after the size");
    };
    if (modern && t.is("[")) readSize();
    const name = t.expectKind("identifier", "a register name");
    if (!modern) readSize();
    t.expect(";", "after the declaration");
    if (size < 1) throw t.error("a register needs at least one bit", sizeToken, "QASM_SEMANTIC");
    if (this.qregs.has(name.text) || this.cregs.has(name.text) || this.inputs.has(name.text)) throw t.error(`'${name.text}' is already declared`, name, "QASM_SEMANTIC");
    const total = (kind === "qreg" ? this.numQubits : this.numClbits) + size;
    if (total > this.maxQubits) throw new CoreError("LIMIT_EXCEEDED", `'${name.text}' brings the total to ${total} ${kind === "qreg" ? "qubits" : "bits"}; the limit is ${this.maxQubits}`, sizeToken.line, sizeToken.column);
    const registers = kind === "qreg" ? this.qregs : this.cregs;
    registers.set(name.text, { name: name.text, start: kind === "qreg" ? this.numQubits : this.numClbits, size });
    if (kind === "qreg") this.numQubits = total;
    else this.numClbits = total;
  }

  /** A parameter list whose names are the program's inputs unless `resolve` says otherwise. */
  private parenthesised(resolve: NameResolver = (n) => this.inputs.get(n)): Expr[] {
    return parseParameterList(this.tokens, resolve);
  }

  private modifiers(resolve: NameResolver): Modifier[] {
    const t = this.tokens;
    const result: Modifier[] = [];
    while (["ctrl", "negctrl", "inv", "pow"].some((m) => t.is(m)) && (t.is("@", 1) || t.is("(", 1))) {
      const name = t.next();
      if (name.text === "inv") result.push({ kind: "inv" });
      else if (name.text === "pow") {
        const [exponent] = this.parenthesised(resolve);
        if (!exponent) throw t.error("pow needs an exponent: pow(k) @", name);
        result.push({ kind: "pow", exponent });
      } else {
        let count = 1;
        if (t.accept("(")) {
          count = Number(t.expectKind("integer", "the number of controls").text);
          t.expect(")");
        }
        if (count < 1) throw t.error("a control modifier needs at least one control", name, "QASM_SEMANTIC");
        result.push({ kind: name.text as "ctrl" | "negctrl", count });
      }
      t.expect("@", `after the ${name.text} modifier`);
    }
    return result;
  }

  private gateDefinition() {
    const t = this.tokens;
    t.next();
    const name = t.expectKind("identifier", "a gate name");
    if (this.gates.has(name.text) && this.gates.get(name.text)!.kind === "user") throw t.error(`gate '${name.text}' is already defined`, name, "QASM_SEMANTIC");
    const params = t.is("(") ? this.names("(", ")") : [];
    const qubits: string[] = [];
    do qubits.push(t.expectKind("identifier", "a qubit argument name").text);
    while (t.accept(","));
    const formal: NameResolver = (n) => (params.includes(n) ? symbol(FORMAL + n) : this.inputs.get(n));
    t.expect("{", "to open the gate body");
    const body: (BodyCall | BodyPhase)[] = [];
    while (!t.accept("}")) {
      if (t.peek().kind === "eof") throw t.error("expected '}' to close the gate body");
      if (t.is("gphase")) {
        t.next();
        const [angle] = this.parenthesised(formal);
        t.expect(";", "after gphase");
        body.push({ kind: "gphase", angle: angle! });
        continue;
      }
      if (t.accept("barrier")) {
        while (!t.accept(";")) t.next();
        continue;
      }
      const modifiers = this.modifiers(formal);
      const callName = t.expectKind("identifier", "a gate call in the gate body");
      const callParams = this.parenthesised(formal);
      const args: string[] = [];
      do {
        const arg = t.expectKind("identifier", "a qubit argument of the gate");
        if (!qubits.includes(arg.text)) throw t.error(`'${arg.text}' is not a qubit argument of gate '${name.text}'`, arg, "QASM_SEMANTIC");
        args.push(arg.text);
      } while (t.accept(","));
      t.expect(";", "after the gate call");
      this.checkCall(callName, modifiers, callParams.length, args.length);
      body.push({ token: callName, name: callName.text, modifiers, params: callParams, args });
    }
    const calls = body.filter((item): item is BodyCall => !("kind" in item));
    const nesting = gateNesting(calls.map((call) => { const callee = this.gates.get(call.name); return callee?.kind === "user" ? callee.nesting : 0; }), name);
    this.gates.set(name.text, { kind: "user", params, qubits, body, nesting });
  }

  private names(open: string, close: string): string[] {
    const t = this.tokens;
    t.expect(open);
    const names: string[] = [];
    if (!t.is(close)) {
      do names.push(t.expectKind("identifier", "a name").text);
      while (t.accept(","));
    }
    t.expect(close);
    return names;
  }

  private checkCall(token: Token, modifiers: Modifier[], params: number, qubits: number) {
    const gate = this.gates.get(token.text);
    if (!gate) throw this.tokens.error(`gate '${token.text}' is not defined${STDGATES[token.text] ? ' (add include "stdgates.inc";)' : ""}`, token, "QASM_SEMANTIC");
    const controls = modifiers.reduce((n, m) => n + (m.kind === "ctrl" || m.kind === "negctrl" ? m.count : 0), 0);
    const wantParams = gate.kind === "native" ? gate.params : gate.params.length;
    const wantQubits = (gate.kind === "native" ? gate.qubits : gate.qubits.length) + controls;
    if (params !== wantParams) throw this.tokens.error(`gate '${token.text}' takes ${wantParams} parameter(s), got ${params}`, token, "QASM_SEMANTIC");
    if (qubits !== wantQubits) throw this.tokens.error(`gate '${token.text}' acts on ${wantQubits} qubit(s)${controls ? ` (with ${controls} control(s))` : ""}, got ${qubits}`, token, "QASM_SEMANTIC");
  }

  /** q, q[i] or $n: the indices it names, and whether it is a whole register. */
  private argument(kind: "qubit" | "bit"): { token: Token; indices: number[]; register: boolean } {
    const t = this.tokens;
    const name = t.expectKind("identifier", kind === "qubit" ? "a qubit" : "a bit");
    if (kind === "qubit" && name.text.startsWith("$")) {
      if (this.qregs.size) throw t.error("physical qubits ($n) cannot be mixed with declared qubits", name, "QASM_SEMANTIC");
      const index = Number(name.text.slice(1));
      if (index + 1 > this.maxQubits) throw new CoreError("LIMIT_EXCEEDED", `${name.text} is beyond the ${this.maxQubits}-qubit limit`, name.line, name.column);
      this.physical = true;
      this.numQubits = Math.max(this.numQubits, index + 1);
      return { token: name, indices: [index], register: false };
    }
    const register = (kind === "qubit" ? this.qregs : this.cregs).get(name.text);
    if (!register) throw t.error(`'${name.text}' is not a declared ${kind === "qubit" ? "qubit register" : "bit register"}`, name, "QASM_SEMANTIC");
    if (t.accept("[")) {
      const index = t.expectKind("integer", "an index (ranges are not supported)");
      if (t.is(":")) throw t.error("index ranges are not supported", t.peek(), "QASM_UNSUPPORTED");
      t.expect("]", "after the index");
      const i = Number(index.text);
      if (i >= register.size) throw t.error(`index ${i} is out of range for ${name.text}[${register.size}]`, index, "QASM_SEMANTIC");
      return { token: name, indices: [register.start + i], register: false };
    }
    return { token: name, indices: Array.from({ length: register.size }, (_, k) => register.start + k), register: true };
  }

  private gateCall(condition: Condition | undefined) {
    const t = this.tokens;
    const modifiers = this.modifiers((n) => this.inputs.get(n));
    const name = t.expectKind("identifier", "a gate call");
    const params = this.parenthesised();
    const args: ReturnType<Qasm3Reader["argument"]>[] = [];
    do args.push(this.argument("qubit"));
    while (t.accept(","));
    t.expect(";", `after the call to ${name.text}`);
    this.checkCall(name, modifiers, params.length, args.length);
    checkFinite(params, name);
    const sizes = new Set(args.filter((a) => a.register).map((a) => a.indices.length));
    if (sizes.size > 1) throw t.error(`registers of different sizes in one call to ${name.text}`, name, "QASM_SEMANTIC");
    const repeat = sizes.size ? [...sizes][0]! : 1;
    for (let k = 0; k < repeat; k++) {
      const qubits = args.map((a) => (a.register ? a.indices[k]! : a.indices[0]!));
      if (new Set(qubits).size !== qubits.length) throw t.error(`gate '${name.text}' is given the same qubit twice`, name, "QASM_SEMANTIC");
      for (const raw of this.call(name, name.text, modifiers, params, qubits)) this.pushRaw(raw, condition);
    }
  }

  /** Expands a (possibly modified) gate call into native operations and global phases. */
  private call(token: Token, name: string, modifiers: Modifier[], params: Expr[], qubits: number[]): Raw[] {
    const controlCount = modifiers.reduce((n, m) => n + (m.kind === "ctrl" || m.kind === "negctrl" ? m.count : 0), 0);
    let ops = this.expand(token, name, params, qubits.slice(controlCount));
    let used = controlCount;
    for (let m = modifiers.length - 1; m >= 0; m--) {
      const modifier = modifiers[m]!;
      if (modifier.kind === "inv") ops = invert(ops);
      else if (modifier.kind === "pow") ops = power(ops, modifier.exponent, token);
      else {
        const controls = qubits.slice(used - modifier.count, used);
        used -= modifier.count;
        ops = ops.map((op) => ({ ...op, controls: [...controls, ...op.controls] }));
        if (modifier.kind === "negctrl") {
          const flips: Raw[] = controls.map((q) => ({ kind: "gate", gate: "x", qubits: [q], controls: [], params: [] }));
          ops = [...flips, ...ops, ...flips];
        }
      }
    }
    return ops;
  }

  private expand(token: Token, name: string, params: Expr[], qubits: number[]): Raw[] {
    const gate = this.gates.get(name)!;
    if (gate.kind === "native") {
      const def = gateDefinition(gate.gate)!;
      return [{ kind: "gate", gate: def.name, qubits, controls: [], params }];
    }
    const bindings = new Map(gate.params.map((p, k) => [FORMAL + p, params[k]!]));
    const local = new Map(gate.qubits.map((q, k) => [q, qubits[k]!]));
    const out: Raw[] = [];
    for (const item of gate.body) {
      if ("kind" in item) {
        out.push({ kind: "gphase", angle: substituteCall(item.angle, bindings, token), controls: [] });
        continue;
      }
      out.push(...this.call(item.token, item.name, item.modifiers, item.params.map((p) => substituteCall(p, bindings, item.token)), item.args.map((a) => local.get(a)!)));
      if (out.length > this.maxOperations) throw tooManyOperations(this.maxOperations, token);
    }
    return out;
  }

  private pushRaw(raw: Raw, condition: Condition | undefined) {
    if (raw.kind === "gphase") {
      // e^{iθ} on the subspace where the controls are 1 is a phase gate on the last control.
      if (raw.controls.length === 0) return;
      const target = raw.controls[raw.controls.length - 1]!;
      this.push({ kind: "gate", gate: "p", qubits: [target], controls: raw.controls.slice(0, -1), params: [raw.angle], condition });
      return;
    }
    this.push(condition ? { ...raw, condition } : raw);
  }

  private measureAssignment(condition: Condition | undefined) {
    const t = this.tokens;
    const target = this.argument("bit");
    t.expect("=", "in the measurement (c = measure q;)");
    t.expect("measure", "after '='");
    const source = this.argument("qubit");
    t.expect(";", "after measure");
    this.pushMeasures(source, target, condition);
  }

  private measureArrow(condition: Condition | undefined) {
    const t = this.tokens;
    t.next();
    const source = this.argument("qubit");
    if (!t.accept("->")) throw t.error("a measurement needs a target bit (c[0] = measure q[0]; or measure q[0] -> c[0];)", t.peek(), "QASM_UNSUPPORTED");
    const target = this.argument("bit");
    t.expect(";", "after measure");
    this.pushMeasures(source, target, condition);
  }

  private pushMeasures(source: { token: Token; indices: number[] }, target: { indices: number[] }, condition: Condition | undefined) {
    if (source.indices.length !== target.indices.length) throw this.tokens.error(`measure needs as many bits as qubits (${source.indices.length} qubits, ${target.indices.length} bits)`, source.token, "QASM_SEMANTIC");
    source.indices.forEach((qubit, k) => this.push({ kind: "measure", qubit, clbit: target.indices[k]!, condition }));
  }

  private reset(condition: Condition | undefined) {
    const t = this.tokens;
    t.next();
    const q = this.argument("qubit");
    t.expect(";", "after reset");
    for (const qubit of q.indices) this.push({ kind: "reset", qubit, condition });
  }

  private barrier() {
    const t = this.tokens;
    t.next();
    const qubits: number[] = [];
    if (!t.is(";")) {
      do qubits.push(...this.argument("qubit").indices);
      while (t.accept(","));
    } else {
      for (let q = 0; q < this.numQubits; q++) qubits.push(q);
    }
    t.expect(";", "after barrier");
    this.push({ kind: "barrier", qubits: [...new Set(qubits)] });
  }

  private conditional() {
    const t = this.tokens;
    t.next();
    t.expect("(", "after if");
    const negated = t.accept("!");
    const bits = this.argument("bit");
    let value = negated ? 0 : bits.register ? -1 : 1;
    if (t.accept("==")) {
      if (negated) throw t.error("'!' cannot be combined with '=='", t.peek(), "QASM_UNSUPPORTED");
      const v = t.next();
      if (v.text === "true" || v.text === "false") value = v.text === "true" ? 1 : 0;
      else if (v.kind === "integer") value = Number(v.text);
      else throw t.error("expected an integer, true or false", v);
    }
    if (value < 0) throw t.error("a register condition needs a value: if (c == n)", t.peek(), "QASM_SEMANTIC");
    if (value >= 2 ** bits.indices.length) throw t.error(`${value} does not fit in ${bits.indices.length} bit(s)`, bits.token, "QASM_SEMANTIC");
    t.expect(")", "to close the condition");
    const condition: Condition = { clbits: bits.indices, value };
    if (t.accept("{")) {
      while (!t.accept("}")) {
        if (t.peek().kind === "eof") throw t.error("expected '}' to close the if block");
        this.statement(condition);
      }
    } else {
      this.statement(condition);
    }
    if (t.is("else")) throw t.error("'else' is outside the supported subset", t.peek(), "QASM_UNSUPPORTED");
  }

  private push(op: Operation) {
    if (this.operations.length >= this.maxOperations) throw tooManyOperations(this.maxOperations, this.tokens.peek());
    this.operations.push(op);
  }
}

function invert(ops: Raw[]): Raw[] {
  return [...ops].reverse().map((op) => (op.kind === "gphase" ? { ...op, angle: unary("neg", op.angle) } : invertGate(op)));
}

/** pow(k): k repetitions (of the inverse for k < 0); a fractional power of one constant one-qubit gate. */
function power(ops: Raw[], exponent: Expr, token: Token): Raw[] {
  const k = constantValue(exponent);
  if (k === undefined || !Number.isFinite(k)) throw new CoreError("QASM_UNSUPPORTED", "pow(k) needs a constant exponent", token.line, token.column);
  if (Number.isInteger(k)) {
    const base = k < 0 ? invert(ops) : ops;
    if (Math.abs(k) * base.length > 1_000_000) throw new CoreError("LIMIT_EXCEEDED", `pow(${k}) expands to too many operations`, token.line, token.column);
    return Array.from({ length: Math.abs(k) }, () => base).flat();
  }
  const gates = ops.filter((op): op is GateOperation => op.kind === "gate");
  const only = gates[0];
  const values = only?.params.map(constantValue);
  if (gates.length !== 1 || ops.length !== 1 || only!.qubits.length !== 1 || only!.controls.length || values!.some((v) => v === undefined)) {
    throw new CoreError("QASM_UNSUPPORTED", `pow(${k}) with a fractional exponent is only supported on a single one-qubit gate with constant parameters`, token.line, token.column);
  }
  const matrix = only!.gate === "unitary" ? only!.matrix! : gateDefinition(only!.gate)!.matrix(values as number[]);
  return [{ kind: "gate", gate: "unitary", qubits: only!.qubits, controls: [], params: [], matrix: matrixPower(matrix, k), label: `${only!.label ?? only!.gate}^${k}` }];
}
