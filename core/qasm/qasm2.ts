// OpenQASM 2.0 reader, as Qiskit writes it (qasm2.dumps): include "qelib1.inc", several
// qreg/creg, user gate definitions (parameters, nesting), parameter expressions, measure, reset,
// barrier, if (c==n), and register broadcasting (`h q;`, `cx a, b;`). Errors carry a code, the
// line:column of the offending token, what was found and what was expected.
import { Circuit } from "../circuit/circuit.ts";
import type { Condition, GateOperation, Operation, Register } from "../circuit/operation.ts";
import { CoreError } from "../errors.ts";
import { type Expr, symbol } from "../expr.ts";
import { type NameResolver, parseParameterList } from "./expression.ts";
import { type Token, tokenize, TokenStream } from "./lexer.ts";
import { gateNesting, type QasmReadOptions, readLimits, tooManyOperations } from "./read-options.ts";
import { QELIB1_DEFINED, QELIB1_NATIVE } from "./qelib1.ts";
import { checkFinite, FORMAL, substituteCall } from "./substitute.ts";

interface GateBodyCall { name: string; token: Token; params: Expr[]; args: string[] }
interface UserGate { kind: "user"; params: string[]; qubits: string[]; body: GateBodyCall[]; nesting: number }
interface OpaqueGate { kind: "opaque"; params: string[]; qubits: string[] }
type GateEntry = UserGate | OpaqueGate | { kind: "native"; gate: string; params: number; qubits: number; controls?: number };


export function parseQasm2(source: string, options: QasmReadOptions = {}): Circuit {
  return new Qasm2Reader(tokenize(source), options).read();
}

class Qasm2Reader {
  private tokens: TokenStream;
  private readonly maxQubits: number;
  private readonly maxOperations: number;
  private readonly qregs = new Map<string, Register>();
  private readonly cregs = new Map<string, Register>();
  private readonly gates = new Map<string, GateEntry>([
    ["U", { kind: "native", gate: "u3", params: 3, qubits: 1 }],
    ["CX", { kind: "native", gate: "cx", params: 0, qubits: 2 }],
  ]);
  private readonly operations: Operation[] = [];
  private numQubits = 0;
  private numClbits = 0;

  constructor(tokens: Token[], options: QasmReadOptions) {
    this.tokens = new TokenStream(tokens);
    ({ maxQubits: this.maxQubits, maxOperations: this.maxOperations } = readLimits(options));
  }

  read(): Circuit {
    this.header();
    while (this.tokens.peek().kind !== "eof") this.statement();
    return new Circuit(this.numQubits, this.numClbits, this.operations, { qregs: [...this.qregs.values()], cregs: [...this.cregs.values()] });
  }

  private header() {
    const t = this.tokens;
    t.expect("OPENQASM", "at the start of the program (OPENQASM 2.0;)");
    const version = t.peek();
    if (version.kind !== "real" && version.kind !== "integer") throw t.error("expected a version number");
    t.next();
    if (!/^2(\.0)?$/.test(version.text)) throw t.error(`only OpenQASM 2.0 is read here`, version, "QASM_UNSUPPORTED");
    t.expect(";", "after the version");
  }

  private statement() {
    const t = this.tokens;
    const token = t.peek();
    if (token.kind !== "identifier") throw t.error("expected a statement (qreg, creg, gate, measure, a gate call, ...)");
    switch (token.text) {
      case "include": return this.include();
      case "qreg":
      case "creg": return this.register(token.text);
      case "gate": return this.gateDefinition();
      case "opaque": return this.opaque();
      case "barrier": return this.barrier();
      case "if": return this.conditional();
      case "OPENQASM": throw t.error("OPENQASM may only appear once, at the start", token, "QASM_SEMANTIC");
      default: return this.quantumOperation(undefined);
    }
  }

  private include() {
    const t = this.tokens;
    t.next();
    const file = t.expectKind("string", 'a file name in quotes, e.g. "qelib1.inc"');
    t.expect(";", "after include");
    if (file.text !== '"qelib1.inc"') throw t.error('only "qelib1.inc" can be included', file, "QASM_UNSUPPORTED");
    for (const [name, native] of Object.entries(QELIB1_NATIVE)) if (!this.gates.has(name)) this.gates.set(name, { kind: "native", ...native });
    // The decomposed qelib1 gates are read from their OpenQASM text, with this same reader.
    const program = this.tokens;
    this.tokens = new TokenStream(tokenize(QELIB1_DEFINED));
    try {
      while (this.tokens.peek().kind !== "eof") this.gateDefinition();
    } finally {
      this.tokens = program;
    }
  }

  private register(kind: "qreg" | "creg") {
    const t = this.tokens;
    t.next();
    const name = t.expectKind("identifier", "a register name");
    t.expect("[", "after the register name");
    const sizeToken = t.expectKind("integer", "the register size (a positive integer)");
    t.expect("]", "after the register size");
    t.expect(";", `after the ${kind} declaration`);
    const size = Number(sizeToken.text);
    if (size < 1) throw t.error("a register needs at least one bit", sizeToken, "QASM_SEMANTIC");
    if (this.qregs.has(name.text) || this.cregs.has(name.text)) throw t.error(`register '${name.text}' is already declared`, name, "QASM_SEMANTIC");
    const total = (kind === "qreg" ? this.numQubits : this.numClbits) + size;
    if (total > this.maxQubits) {
      throw new CoreError("LIMIT_EXCEEDED", `${kind} ${name.text}[${size}] brings the total to ${total} ${kind === "qreg" ? "qubits" : "bits"}; the limit is ${this.maxQubits}`, sizeToken.line, sizeToken.column);
    }
    if (kind === "qreg") {
      this.qregs.set(name.text, { name: name.text, start: this.numQubits, size });
      this.numQubits = total;
    } else {
      this.cregs.set(name.text, { name: name.text, start: this.numClbits, size });
      this.numClbits = total;
    }
  }

  private signature(): { name: Token; params: string[]; qubits: string[] } {
    const t = this.tokens;
    t.next();
    const name = t.expectKind("identifier", "a gate name");
    if (this.gates.has(name.text)) throw t.error(`gate '${name.text}' is already defined`, name, "QASM_SEMANTIC");
    const params: string[] = [];
    if (t.accept("(")) {
      if (!t.is(")")) {
        do params.push(t.expectKind("identifier", "a parameter name").text);
        while (t.accept(","));
      }
      t.expect(")", "to close the parameter list");
    }
    const qubits: string[] = [];
    do qubits.push(t.expectKind("identifier", "a qubit argument name").text);
    while (t.accept(","));
    if (new Set(qubits).size !== qubits.length) throw t.error(`gate '${name.text}' names a qubit argument twice`, name, "QASM_SEMANTIC");
    return { name, params, qubits };
  }

  private gateDefinition() {
    const t = this.tokens;
    const { name, params, qubits } = this.signature();
    const formal: NameResolver = (n) => (params.includes(n) ? symbol(FORMAL + n) : undefined);
    t.expect("{", "to open the gate body");
    const body: GateBodyCall[] = [];
    while (!t.is("}")) {
      if (t.peek().kind === "eof") throw t.error("expected '}' to close the gate body");
      const callName = t.expectKind("identifier", "a gate call in the gate body");
      if (callName.text === "barrier") {
        do t.expectKind("identifier", "a qubit argument");
        while (t.accept(","));
        t.expect(";", "after barrier");
        continue;
      }
      const callee = this.gates.get(callName.text);
      if (!callee) throw t.error(`gate '${callName.text}' is not defined (define it before '${name.text}'${this.gates.has("h") ? "" : ', or include "qelib1.inc"'})`, callName, "QASM_SEMANTIC");
      const callParams = parseParameterList(this.tokens, formal);
      const args: string[] = [];
      do {
        const arg = t.expectKind("identifier", "a qubit argument of the gate");
        if (!qubits.includes(arg.text)) throw t.error(`'${arg.text}' is not a qubit argument of gate '${name.text}' (${qubits.join(", ")})`, arg, "QASM_SEMANTIC");
        if (t.is("[")) throw t.error("qubit arguments inside a gate body cannot be indexed", t.peek(), "QASM_SEMANTIC");
        args.push(arg.text);
      } while (t.accept(","));
      t.expect(";", "after the gate call");
      this.checkArity(callName, callee, callParams.length, args.length);
      if (new Set(args).size !== args.length) throw t.error(`gate '${callName.text}' is given the same qubit twice`, callName, "QASM_SEMANTIC");
      body.push({ name: callName.text, token: callName, params: callParams, args });
    }
    t.expect("}");
    const nesting = gateNesting(body.map((call) => { const callee = this.gates.get(call.name)!; return callee.kind === "user" ? callee.nesting : 0; }), name);
    this.gates.set(name.text, { kind: "user", params, qubits, body, nesting });
  }

  private opaque() {
    const { name, params, qubits } = this.signature();
    this.tokens.expect(";", "after the opaque declaration");
    this.gates.set(name.text, { kind: "opaque", params, qubits });
  }

  private checkArity(token: Token, gate: GateEntry, params: number, qubits: number) {
    const expectedParams = gate.kind === "native" ? gate.params : gate.params.length;
    const expectedQubits = gate.kind === "native" ? gate.qubits : gate.qubits.length;
    if (params !== expectedParams) throw this.tokens.error(`gate '${token.text}' takes ${expectedParams} parameter(s), got ${params}`, token, "QASM_SEMANTIC");
    if (qubits !== expectedQubits) throw this.tokens.error(`gate '${token.text}' acts on ${expectedQubits} qubit(s), got ${qubits}`, token, "QASM_SEMANTIC");
  }

  /** q, q[i]: the qubit (or bit) indices it names. */
  private argument(kind: "qubit" | "bit"): { token: Token; indices: number[]; register: boolean } {
    const t = this.tokens;
    const registers = kind === "qubit" ? this.qregs : this.cregs;
    const name = t.expectKind("identifier", `a ${kind === "qubit" ? "quantum" : "classical"} register`);
    const register = registers.get(name.text);
    if (!register) {
      const other = (kind === "qubit" ? this.cregs : this.qregs).has(name.text);
      throw t.error(other ? `'${name.text}' is a ${kind === "qubit" ? "classical" : "quantum"} register; expected a ${kind === "qubit" ? "quantum" : "classical"} one` : `'${name.text}' is not a declared ${kind === "qubit" ? "qreg" : "creg"}`, name, "QASM_SEMANTIC");
    }
    if (t.accept("[")) {
      const index = t.expectKind("integer", "an index");
      t.expect("]", "after the index");
      const i = Number(index.text);
      if (i >= register.size) throw t.error(`index ${i} is out of range for ${name.text}[${register.size}]`, index, "QASM_SEMANTIC");
      return { token: name, indices: [register.start + i], register: false };
    }
    return { token: name, indices: Array.from({ length: register.size }, (_, k) => register.start + k), register: true };
  }

  private conditional() {
    const t = this.tokens;
    t.next();
    t.expect("(", "after if");
    const name = t.expectKind("identifier", "a classical register");
    const register = this.cregs.get(name.text);
    if (!register) throw t.error(`'${name.text}' is not a declared creg`, name, "QASM_SEMANTIC");
    t.expect("==", "in the condition (if (c==n))");
    const valueToken = t.expectKind("integer", "an integer value");
    t.expect(")", "to close the condition");
    const value = Number(valueToken.text);
    if (value >= 2 ** register.size) throw t.error(`${value} does not fit in ${name.text}[${register.size}]`, valueToken, "QASM_SEMANTIC");
    const condition: Condition = { clbits: Array.from({ length: register.size }, (_, k) => register.start + k), value };
    if (t.is("if") || t.is("barrier") || t.is("gate")) throw t.error("expected a gate call, measure or reset after if (...)", t.peek());
    this.quantumOperation(condition);
  }

  private barrier() {
    const t = this.tokens;
    t.next();
    const qubits: number[] = [];
    do qubits.push(...this.argument("qubit").indices);
    while (t.accept(","));
    t.expect(";", "after barrier");
    this.push({ kind: "barrier", qubits: [...new Set(qubits)] });
  }

  private quantumOperation(condition: Condition | undefined) {
    const t = this.tokens;
    const name = t.next();
    if (name.text === "measure") {
      const q = this.argument("qubit");
      t.expect("->", "in measure (measure q -> c)");
      const c = this.argument("bit");
      t.expect(";", "after measure");
      if (q.indices.length !== c.indices.length) throw t.error(`measure needs registers of the same size (${q.indices.length} qubits, ${c.indices.length} bits)`, q.token, "QASM_SEMANTIC");
      q.indices.forEach((qubit, k) => this.push({ kind: "measure", qubit, clbit: c.indices[k]!, condition }));
      return;
    }
    if (name.text === "reset") {
      const q = this.argument("qubit");
      t.expect(";", "after reset");
      for (const qubit of q.indices) this.push({ kind: "reset", qubit, condition });
      return;
    }
    const gate = this.gates.get(name.text);
    if (!gate) {
      const hint = !this.gates.has("h") && name.text in QELIB1_NATIVE ? ' (add include "qelib1.inc";)' : "";
      throw t.error(`gate '${name.text}' is not defined${hint}`, name, "QASM_SEMANTIC");
    }
    const params = parseParameterList(this.tokens, () => undefined);
    const args: ReturnType<Qasm2Reader["argument"]>[] = [];
    do args.push(this.argument("qubit"));
    while (t.accept(","));
    t.expect(";", `after the call to ${name.text}`);
    this.checkArity(name, gate, params.length, args.length);
    checkFinite(params, name);
    if (gate.kind === "opaque") throw t.error(`opaque gate '${name.text}' has no definition, so it cannot be simulated`, name, "QASM_UNSUPPORTED");

    // Broadcasting: registers of equal size apply the gate element-wise; single qubits repeat.
    const sizes = new Set(args.filter((a) => a.register).map((a) => a.indices.length));
    if (sizes.size > 1) throw t.error(`registers of different sizes (${[...sizes].join(" and ")}) in one call to ${name.text}`, name, "QASM_SEMANTIC");
    const repeat = sizes.size ? [...sizes][0]! : 1;
    for (let k = 0; k < repeat; k++) {
      const qubits = args.map((a) => (a.register ? a.indices[k]! : a.indices[0]!));
      if (new Set(qubits).size !== qubits.length) throw t.error(`gate '${name.text}' is given the same qubit twice`, name, "QASM_SEMANTIC");
      this.expand(name, gate, params, qubits, condition);
    }
  }

  private expand(token: Token, gate: GateEntry, params: Expr[], qubits: number[], condition: Condition | undefined) {
    if (gate.kind === "native") {
      const controls = gate.controls ?? 0;
      const op: GateOperation = {
        kind: "gate", gate: gate.gate, qubits: qubits.slice(controls), controls: qubits.slice(0, controls), params, condition,
      };
      this.push(op);
      return;
    }
    if (gate.kind === "opaque") throw this.tokens.error(`opaque gate '${token.text}' has no definition, so it cannot be simulated`, token, "QASM_UNSUPPORTED");
    const bindings = new Map(gate.params.map((p, k) => [FORMAL + p, params[k]!]));
    const local = new Map(gate.qubits.map((q, k) => [q, qubits[k]!]));
    for (const call of gate.body) {
      const callee = this.gates.get(call.name)!;
      this.expand(call.token, callee, call.params.map((p) => substituteCall(p, bindings, call.token)), call.args.map((a) => local.get(a)!), condition);
    }
  }

  private push(op: Operation) {
    if (this.operations.length >= this.maxOperations) throw tooManyOperations(this.maxOperations, this.tokens.peek());
    this.operations.push(op);
  }
}
