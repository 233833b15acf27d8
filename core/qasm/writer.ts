// Writes circuits as OpenQASM 2.0 (Qiskit's qelib1 names) or 3.0 (stdgates.inc, inputs for
// symbolic parameters, ctrl @ for extra controls). Gates missing from those libraries are emitted
// as gate definitions, as Qiskit does. Numbers print exactly (π multiples as pi/k, otherwise 17
// significant digits), so read → write → read gives the same circuit up to global phase.
import type { Circuit } from "../circuit/circuit.ts";
import type { Condition, GateOperation, Operation, Register } from "../circuit/operation.ts";
import { CoreError } from "../errors.ts";
import { formatNumber, formatParam, type Param } from "../expr.ts";
import { u3Angles } from "../gates/decompose.ts";

type Version = 2 | 3;

/** Library gates each version lacks, defined in the output when used (Qiskit's definitions). */
const DEFINITIONS: Record<string, { v2?: string; v3?: string; needs?: string[] }> = {
  rzx: { v2: "gate rzx(theta) a, b { h b; cx a, b; rz(theta) b; cx a, b; h b; }", v3: "gate rzx(theta) a, b { h b; cx a, b; rz(theta) b; cx a, b; h b; }" },
  ecr: { v2: "gate ecr a, b { rzx(pi/4) a, b; x a; rzx(-pi/4) a, b; }", v3: "gate ecr a, b { rzx(pi/4) a, b; x a; rzx(-pi/4) a, b; }", needs: ["rzx"] },
  iswap: { v2: "gate iswap a, b { s a; s b; h a; cx a, b; cx b, a; h b; }", v3: "gate iswap a, b { s a; s b; h a; cx a, b; cx b, a; h b; }" },
  ryy: {
    v2: "gate ryy(theta) a, b { rx(pi/2) a; rx(pi/2) b; cx a, b; rz(theta) b; cx a, b; rx(-pi/2) a; rx(-pi/2) b; }",
    v3: "gate ryy(theta) a, b { rx(pi/2) a; rx(pi/2) b; cx a, b; rz(theta) b; cx a, b; rx(-pi/2) a; rx(-pi/2) b; }",
  },
  rxx: { v3: "gate rxx(theta) a, b { h a; h b; cx a, b; rz(theta) b; cx a, b; h a; h b; }" },
  rzz: { v3: "gate rzz(theta) a, b { cx a, b; rz(theta) b; cx a, b; }" },
};
const IN_QELIB1 = new Set(["id", "x", "y", "z", "h", "s", "sdg", "t", "tdg", "sx", "sxdg", "rx", "ry", "rz", "u2", "u3", "cx", "cy", "cz", "ch", "csx", "swap", "ccx", "cswap", "crx", "cry", "crz", "cu3", "cu", "rxx", "rzz"]);
const IN_STDGATES = new Set(["id", "x", "y", "z", "h", "s", "sdg", "t", "tdg", "sx", "rx", "ry", "rz", "p", "u2", "u3", "cx", "cy", "cz", "cp", "ch", "swap", "ccx", "cswap", "crx", "cry", "crz", "cu"]);
/** QASM 2 names for a gate under k extra controls (cx → ccx → c3x → c4x). */
const CONTROLLED_V2: Record<string, string[]> = {
  x: ["cx", "ccx", "c3x", "c4x"], y: ["cy"], z: ["cz"], h: ["ch"], sx: ["csx"], rx: ["crx"], ry: ["cry"], rz: ["crz"], p: ["cu1"], u3: ["cu3"], swap: ["cswap"], cx: ["ccx", "c3x", "c4x"],
};

export function toQasm2(circuit: Circuit): string {
  return new QasmWriter(circuit, 2).write();
}

export function toQasm3(circuit: Circuit): string {
  return new QasmWriter(circuit, 3).write();
}

class QasmWriter {
  private readonly qregs: readonly Register[];
  private readonly cregs: readonly Register[];
  private readonly defined = new Set<string>();
  private readonly definitions: string[] = [];
  private customCount = 0;

  constructor(private readonly circuit: Circuit, private readonly version: Version) {
    this.qregs = covering(circuit.qregs, circuit.numQubits, "q");
    this.cregs = covering(circuit.cregs, circuit.numClbits, "c");
  }

  write(): string {
    const symbols = this.circuit.parameters;
    if (this.version === 2 && symbols.length) {
      throw new CoreError("CIRCUIT_INVALID", `OpenQASM 2 has no free parameters: bind ${symbols.join(", ")} first, or write OpenQASM 3`);
    }
    const body = this.circuit.operations.map((op) => this.operation(op));
    const lines = [this.version === 2 ? "OPENQASM 2.0;" : "OPENQASM 3.0;", this.version === 2 ? 'include "qelib1.inc";' : 'include "stdgates.inc";'];
    if (this.version === 3) for (const s of symbols) lines.push(`input float[64] ${s};`);
    lines.push(...this.definitions);
    for (const r of this.qregs) lines.push(this.version === 2 ? `qreg ${r.name}[${r.size}];` : `qubit[${r.size}] ${r.name};`);
    for (const r of this.cregs) lines.push(this.version === 2 ? `creg ${r.name}[${r.size}];` : `bit[${r.size}] ${r.name};`);
    return `${[...lines, ...body].join("\n")}\n`;
  }

  private qubit(q: number): string {
    const r = this.qregs.find((reg) => q >= reg.start && q < reg.start + reg.size)!;
    return `${r.name}[${q - r.start}]`;
  }

  private clbit(c: number): string {
    const r = this.cregs.find((reg) => c >= reg.start && c < reg.start + reg.size)!;
    return `${r.name}[${c - r.start}]`;
  }

  private param(p: Param): string {
    return formatParam(p, 17, this.version === 2 ? "^" : "**");
  }

  private operation(op: Operation): string {
    const text = this.unconditioned(op);
    if (!("condition" in op) || !op.condition) return text;
    return this.condition(op.condition, text);
  }

  private condition(condition: Condition, text: string): string {
    const register = this.cregs.find((r) => r.size === condition.clbits.length && condition.clbits.every((c, k) => c === r.start + k));
    if (register) return this.version === 2 ? `if(${register.name}==${condition.value}) ${text}` : `if (${register.name} == ${condition.value}) { ${text} }`;
    if (this.version === 3 && condition.clbits.length === 1) return `if (${this.clbit(condition.clbits[0]!)} == ${condition.value}) { ${text} }`;
    throw new CoreError("CIRCUIT_INVALID", `OpenQASM ${this.version} can only condition on ${this.version === 2 ? "a whole classical register" : "a whole register or one bit"}`);
  }

  private unconditioned(op: Operation): string {
    switch (op.kind) {
      case "measure": return this.version === 2 ? `measure ${this.qubit(op.qubit)} -> ${this.clbit(op.clbit)};` : `${this.clbit(op.clbit)} = measure ${this.qubit(op.qubit)};`;
      case "reset": return `reset ${this.qubit(op.qubit)};`;
      case "barrier": return `barrier ${op.qubits.map((q) => this.qubit(q)).join(", ")};`;
      case "gate": return this.gate(op);
    }
  }

  private gate(op: GateOperation): string {
    const qubits = [...op.controls, ...op.qubits].map((q) => this.qubit(q)).join(", ");
    let name: string;
    let params = op.params;
    if (op.gate === "unitary") {
      name = this.customGate(op);
      params = [];
    } else {
      name = this.libraryName(op.gate);
    }
    const args = params.length ? `(${params.map((p) => this.param(p)).join(", ")})` : "";
    if (op.controls.length === 0) return `${name}${args} ${qubits};`;
    if (this.version === 3) return `${op.controls.length > 1 ? `ctrl(${op.controls.length})` : "ctrl"} @ ${name}${args} ${qubits};`;
    const controlled = CONTROLLED_V2[op.gate === "unitary" ? "" : op.gate]?.[op.controls.length - 1];
    if (!controlled) throw new CoreError("CIRCUIT_INVALID", `OpenQASM 2 cannot express ${op.gate} with ${op.controls.length} extra control(s): write OpenQASM 3`);
    return `${controlled}${args} ${qubits};`;
  }

  /** The name a catalog gate has in this version's library, defining it first when it is missing. */
  private libraryName(gate: string): string {
    if (this.version === 2) {
      if (gate === "p") return "u1";
      if (gate === "cp") return "cu1";
      if (IN_QELIB1.has(gate)) return gate;
    } else {
      if (gate === "sxdg") return "inv @ sx";
      if (gate === "csx") return "ctrl @ sx";
      if (gate === "cu3") return this.define("cu3", "gate cu3(theta, phi, lambda) c, t { cu(theta, phi, lambda, 0) c, t; }");
      if (IN_STDGATES.has(gate)) return gate;
    }
    const definition = DEFINITIONS[gate]?.[this.version === 2 ? "v2" : "v3"];
    if (!definition) throw new CoreError("CIRCUIT_INVALID", `gate ${gate} has no OpenQASM ${this.version} form`);
    for (const dependency of DEFINITIONS[gate]!.needs ?? []) this.libraryName(dependency);
    return this.define(gate, definition);
  }

  private define(name: string, definition: string): string {
    if (!this.defined.has(name)) {
      this.defined.add(name);
      this.definitions.push(definition);
    }
    return name;
  }

  /** A one-qubit custom unitary as e^{iα}·U3; wider ones have no OpenQASM form without decomposition. */
  private customGate(op: GateOperation): string {
    if (op.qubits.length !== 1) {
      throw new CoreError("CIRCUIT_INVALID", `a custom ${op.qubits.length}-qubit unitary ("${op.label ?? "unitary"}") has no OpenQASM form: decompose it into standard gates first`);
    }
    const { theta, phi, lambda, phase } = u3Angles(op.matrix!);
    const angles = [theta, phi, lambda].map((a) => formatNumber(a)).join(", ");
    const name = `unitary_${this.customCount++}`;
    // The global phase is kept so that the gate stays exact under controls (QASM 3 ctrl @).
    const phaseStatement = this.version === 3 && Math.abs(phase) > 1e-15 ? ` gphase(${formatNumber(phase)});` : "";
    if (this.version === 2 && op.controls.length) throw new CoreError("CIRCUIT_INVALID", "OpenQASM 2 cannot express a controlled custom unitary: write OpenQASM 3");
    return this.define(name, `gate ${name} a {${phaseStatement} U(${angles}) a; }`);
  }
}

/** The circuit's registers when they tile its bits exactly, else one register covering them all. */
function covering(registers: readonly Register[], size: number, name: string): readonly Register[] {
  const sorted = [...registers].sort((a, b) => a.start - b.start);
  let next = 0;
  for (const r of sorted) {
    if (r.start !== next || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(r.name)) return size ? [{ name, start: 0, size }] : [];
    next += r.size;
  }
  return next === size ? sorted : size ? [{ name, start: 0, size }] : [];
}

