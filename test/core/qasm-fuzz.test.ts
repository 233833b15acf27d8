// Fuzzing the OpenQASM readers (fast-check, fixed seeds): thousands of mutated valid programs and
// random token soups. The readers either return a circuit within the limits or throw a CoreError
// with a position; never anything else, and they always finish (every loop in them is bounded).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CoreError, parseQasm } from "../../core/index.ts";

const SEEDS = [
  `OPENQASM 2.0;\ninclude "qelib1.inc";\ngate g(a,b) x,y { rx(a*pi/2) x; cx x,y; u3(b,-a,sin(b)^2) y; }\nqreg q[3];\ncreg c[3];\nh q;\ng(0.1,2e-3) q[0],q[1];\nif(c==2) x q[2];\nmeasure q -> c;\nreset q[1];\nbarrier q[0],q[2];\n`,
  `OPENQASM 3.0;\ninclude "stdgates.inc";\ninput float[64] theta;\nbit[2] c;\nqubit[3] q;\ngate k(t) a, b { gphase(t); ctrl @ rz(t) a, b; }\nctrl(2) @ x q[0], q[1], q[2];\ninv @ k(theta**2) q[1], q[2];\npow(0.5) @ h q[0];\nc[0] = measure q[0];\nif (c[0] == 1) { x q[1]; }\n`,
];
const VOCABULARY = [
  "OPENQASM", "2.0", "3.0", "include", '"qelib1.inc"', '"stdgates.inc"', "qreg", "creg", "qubit", "bit", "gate", "opaque", "measure",
  "reset", "barrier", "if", "input", "float", "ctrl", "negctrl", "inv", "pow", "gphase", "for", "U", "CX", "h", "cx", "rx", "u3", "q",
  "c", "a", "x", "pi", "sin", "ln", "sqrt", "theta", "$3", "0", "1", "7", "99999999999999999999", "1e308", "1e999", "-", "+", "*",
  "/", "^", "**", "(", ")", "[", "]", "{", "}", ";", ",", "->", "==", "=", "@", ":", "!", "//x\n", "/*", "*/", " ", "\n", "\u00e9",
];

const token = fc.constantFrom(...VOCABULARY);
const edit = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), text: token }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 12 }) }),
  fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), text: fc.string({ maxLength: 3 }) }),
);

interface Edit { kind: string; at: number; text?: string; length?: number }

function mutate(source: string, edits: readonly Edit[]): string {
  let s = source;
  for (const e of edits) {
    const at = s.length ? e.at % s.length : 0;
    if (e.kind === "insert") s = `${s.slice(0, at)} ${e.text} ${s.slice(at)}`;
    else if (e.kind === "delete") s = s.slice(0, at) + s.slice(at + e.length!);
    else if (e.kind === "duplicate") s = s.slice(0, at) + s.slice(at, at + e.length!) + s.slice(at);
    else s = s.slice(0, at) + e.text + s.slice(at + 1);
  }
  return s;
}

function readsSafely(source: string): void {
  try {
    const circuit = parseQasm(source, { maxQubits: 64, maxOperations: 50_000 });
    expect(circuit.numQubits).toBeLessThanOrEqual(64);
    expect(circuit.operations.length).toBeLessThanOrEqual(50_000);
  } catch (error) {
    if (!(error instanceof CoreError)) throw new Error(`non-CoreError ${String(error)} for:\n${source}`, { cause: error });
    expect(error.code).toMatch(/^(QASM_SYNTAX|QASM_SEMANTIC|QASM_UNSUPPORTED|LIMIT_EXCEEDED|UNKNOWN_GATE|CIRCUIT_INVALID|NOT_UNITARY)$/);
    if (error.code.startsWith("QASM")) expect(error.line).toBeGreaterThanOrEqual(1);
  }
}

describe("OpenQASM reader fuzzing", () => {
  it.each(SEEDS.map((s, i) => [i === 0 ? "OpenQASM 2" : "OpenQASM 3", s]))("%s: 2,500 mutated programs", (_name, seed) => {
    readsSafely(seed);
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => readsSafely(mutate(seed, edits))), { seed: 41, numRuns: 2500 });
  });

  it("2,000 random token soups after a valid header", () => {
    fc.assert(
      fc.property(fc.constantFrom("OPENQASM 2.0;\n", 'OPENQASM 3.0;\ninclude "stdgates.inc";\n', ""), fc.array(token, { maxLength: 60 }), (header, tokens) => {
        readsSafely(header + tokens.join(" "));
      }),
      { seed: 42, numRuns: 2000 },
    );
  });

  it("survives adversarial shapes: deep nesting, wide broadcasts, definition blow-up, huge numbers", () => {
    const h2 = 'OPENQASM 2.0;\ninclude "qelib1.inc";\n';
    readsSafely(`${h2}qreg q[1];\nrx(${"-(".repeat(5000)}1${")".repeat(5000)}) q[0];`);
    readsSafely(`${h2}qreg q[99999999999999999999];`);
    readsSafely(`${h2}qreg q[1];\nrx(1e999) q[0];`);
    let blowUp = `${h2}qreg q[2];\ngate g0 a,b { cx a,b; }\n`;
    for (let k = 1; k < 30; k++) blowUp += `gate g${k} a,b { g${k - 1} a,b; g${k - 1} b,a; }\n`;
    readsSafely(`${blowUp}g29 q[0],q[1];`);
    readsSafely(`OPENQASM 3.0;\ninclude "stdgates.inc";\nqubit[1] q;\npow(99999999) @ x q[0];`);
    readsSafely(`OPENQASM 3.0;\nqubit[2] q;\n${"ctrl @ ".repeat(3000)}U(0,0,0) q[0], q[1];`);
    readsSafely(`${h2}${"qreg r".repeat(1)}${"x".repeat(300)}[1];`);
  });
});
