// The OpenQASM 2 reader: the language as Qiskit writes it, precise errors, limits, and the
// QASMBench corpus (read in place from ../shared) checked against quantum-circuit's own importer.
import fs from "node:fs";
import path from "node:path";
import QuantumCircuit from "quantum-circuit";
import { describe, expect, it } from "vitest";
import { CoreError, parseQasm, simulate } from "../../core/index.ts";

const HEADER = 'OPENQASM 2.0;\ninclude "qelib1.inc";\n';
const probabilities = (source: string) => simulate(parseQasm(source)).probabilities();

function errorOf(source: string): { code: string; line?: number; column?: number; message: string } {
  try {
    parseQasm(source);
  } catch (error) {
    if (error instanceof CoreError) return { code: error.code, line: error.line, column: error.column, message: error.message };
    throw error;
  }
  throw new Error("expected an error");
}

describe("OpenQASM 2 reader", () => {
  it("reads registers, gates, measurement and a Bell pair", () => {
    const circuit = parseQasm(`${HEADER}qreg q[2];\ncreg c[2];\nh q[0];\ncx q[0],q[1];\nmeasure q -> c;\n`);
    expect([circuit.numQubits, circuit.numClbits, circuit.gateCounts()]).toEqual([2, 2, { h: 1, cx: 1, measure: 2 }]);
    expect(simulate(circuit, { shots: 100, seed: 1 }).counts()).toEqual({ "00": 54, "11": 46 });
  });

  it("expands user gates with parameters, nested, and evaluates expressions", () => {
    const source = `${HEADER}
gate rot(a, b) t { ry(a/2 + b^2) t; rz(-sin(a) * ln(exp(b))) t; }
gate pair(theta) x, y { rot(theta, pi/4) x; cx x, y; rot(2*theta, -0.5) y; }
qreg q[2];
pair(0.3) q[0], q[1];`;
    const expected = `${HEADER}qreg q[2];
ry(0.15 + (pi/4)^2) q[0]; rz(-sin(0.3)*(pi/4)) q[0]; cx q[0],q[1]; ry(0.3 + 0.25) q[1]; rz(-sin(0.6)*(-0.5)) q[1];`;
    const a = probabilities(source), b = probabilities(expected);
    a.forEach((p, i) => expect(p).toBeCloseTo(b[i]!, 14));
  });

  it("broadcasts over registers, and U / CX work without the include", () => {
    const broadcast = parseQasm(`${HEADER}qreg a[3];\nqreg b[3];\nh a;\ncx a, b;\ncx a[0], b;\n`);
    expect(broadcast.gateCounts()).toEqual({ h: 3, cx: 6 });
    const builtins = parseQasm("OPENQASM 2.0;\nqreg q[2];\nU(pi/2, 0, pi) q[0];\nCX q[0], q[1];\n");
    expect(simulate(builtins).probabilities()[3]).toBeCloseTo(0.5, 14);
  });

  it("reads if (c==n), reset and barrier", () => {
    const circuit = parseQasm(`${HEADER}qreg q[2];\ncreg c[1];\nx q[0];\nmeasure q[0] -> c[0];\nif (c==1) x q[1];\nreset q[0];\nbarrier q;\n`);
    expect(simulate(circuit, { seed: 1 }).probabilities()[2]).toBeCloseTo(1, 14);
  });

  it("maps qelib1's multi-controlled gates and keeps its decompositions", () => {
    const c3x = parseQasm(`${HEADER}qreg q[4];\nx q[0]; x q[1]; x q[2];\nc3x q[0],q[1],q[2],q[3];\n`);
    expect(simulate(c3x).probabilities()[15]).toBeCloseTo(1, 14);
    const rccx = parseQasm(`${HEADER}qreg q[3];\nx q[0]; x q[1];\nrccx q[0],q[1],q[2];\n`);
    expect(simulate(rccx).probabilities()[7]).toBeCloseTo(1, 12);
  });

  it.each([
    ["a missing semicolon", `${HEADER}qreg q[1]\nh q[0];`, "QASM_SYNTAX", 4, 1, "expected ';' after the qreg declaration, found 'h'"],
    ["an undeclared register", `${HEADER}qreg q[1];\nh r[0];`, "QASM_SEMANTIC", 4, 3, "'r' is not a declared qreg"],
    ["an index out of range", `${HEADER}qreg q[2];\nh q[2];`, "QASM_SEMANTIC", 4, 5, "index 2 is out of range for q[2]"],
    ["an unknown gate", `${HEADER}qreg q[1];\nfoo q[0];`, "QASM_SEMANTIC", 4, 1, "gate 'foo' is not defined"],
    ["a gate without the include", "OPENQASM 2.0;\nqreg q[1];\nh q[0];", "QASM_SEMANTIC", 3, 1, "gate 'h' is not defined (add include \"qelib1.inc\";)"],
    ["a wrong parameter count", `${HEADER}qreg q[1];\nrx q[0];`, "QASM_SEMANTIC", 4, 1, "gate 'rx' takes 1 parameter(s), got 0"],
    ["an opaque gate", `${HEADER}opaque magic(a) q;\nqreg q[1];\nmagic(1) q[0];`, "QASM_UNSUPPORTED", 5, 1, "opaque gate 'magic' has no definition"],
    ["an unknown name in an expression", `${HEADER}qreg q[1];\nrx(theta) q[0];`, "QASM_SEMANTIC", 4, 4, "unknown name 'theta'"],
    ["registers of different sizes", `${HEADER}qreg a[2];\nqreg b[3];\ncx a, b;`, "QASM_SEMANTIC", 5, 1, "registers of different sizes (2 and 3)"],
    ["a repeated qubit", `${HEADER}qreg q[2];\ncx q[1], q[1];`, "QASM_SEMANTIC", 4, 1, "gate 'cx' is given the same qubit twice"],
    ["an unsupported version", "OPENQASM 4.0;", "QASM_UNSUPPORTED", 1, 10, "only OpenQASM 2.0 is read here"],
    ["a stray character", `${HEADER}qreg q[1];\nh q[0]; $`, "QASM_SYNTAX", 4, 9, 'unexpected character "$"'],
  ])("refuses %s with its code and position", (_name, source, code, line, column, message) => {
    const error = errorOf(source);
    expect([error.code, error.line, error.column]).toEqual([code, line, column]);
    expect(error.message).toContain(message);
  });

  it("refuses registers and expansions beyond the configured limits", () => {
    expect(errorOf(`${HEADER}qreg q[65];`)).toMatchObject({ code: "LIMIT_EXCEEDED", line: 3 });
    expect(() => parseQasm(`${HEADER}qreg q[8];`, { maxQubits: 8 })).not.toThrow();
    // Each level calls the previous one 10 times: 10^7 operations from a few lines.
    let source = `${HEADER}qreg q[1];\ngate g0 a { x a; }\n`;
    for (let k = 1; k <= 7; k++) source += `gate g${k} a { ${`g${k - 1} a; `.repeat(10)}}\n`;
    source += "g7 q[0];\n";
    expect(errorOf(source)).toMatchObject({ code: "LIMIT_EXCEEDED" });
    expect(errorOf(`${HEADER}qreg q[1];\nrx(${"(".repeat(500)}1${")".repeat(500)}) q[0];`).message).toContain("nested deeper than 100 levels");
  });
});

const CORPUS = path.resolve(import.meta.dirname, "../../../shared/qasmbench/small");
// These QASMBench files measure registers `q` and `c` they never declare: invalid OpenQASM 2.
const INVALID_IN_CORPUS = ["hhl_n10", "vqe_uccsd_n4", "vqe_uccsd_n6", "vqe_uccsd_n8"];

describe.runIf(fs.existsSync(CORPUS))("QASMBench small corpus (../shared/qasmbench)", () => {
  const files = fs.existsSync(CORPUS)
    ? fs.readdirSync(CORPUS).flatMap((dir) => fs.readdirSync(path.join(CORPUS, dir)).filter((f) => f.endsWith(".qasm")).map((f) => path.join(CORPUS, dir, f)))
    : [];

  it("reads every valid file and refuses the invalid ones at the undeclared register", () => {
    const refused: string[] = [];
    for (const file of files) {
      try {
        parseQasm(fs.readFileSync(file, "utf8"));
      } catch (error) {
        expect((error as CoreError).message).toMatch(/'[qc]' is not a declared [qc]reg/);
        refused.push(path.basename(path.dirname(file)));
      }
    }
    expect(files.length).toBe(85);
    expect([...new Set(refused)].sort()).toEqual(INVALID_IN_CORPUS);
    expect(refused.length).toBe(8); // each invalid circuit and its transpiled twin
  });

  it("matches quantum-circuit's own QASM import to 1e-10 on every circuit without mid-circuit measurement", () => {
    let compared = 0, worst = 0;
    for (const file of files) {
      if (INVALID_IN_CORPUS.some((name) => file.includes(`${name}/`))) continue;
      const source = fs.readFileSync(file, "utf8");
      const circuit = parseQasm(source);
      if (circuit.hasMidCircuitMeasurement()) continue;
      const peer = new QuantumCircuit(0) as unknown as { importQASM(s: string, cb: (errors: unknown[]) => void): void; run(): void; state: Record<string, { re: number; im: number }> };
      let errors: unknown[] = [];
      // Terminal measurements: quantum-circuit would collapse on them, we sample the final state.
      peer.importQASM(source.replace(/^\s*measure[^;]*;/gm, ""), (e) => { errors = e; });
      expect(errors).toEqual([]);
      peer.run();
      const ours = simulate(circuit).probabilities();
      const theirs = new Float64Array(ours.length);
      for (const [index, a] of Object.entries(peer.state)) theirs[Number(index)] = a.re * a.re + a.im * a.im;
      for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - theirs[i]!));
      expect(worst, file).toBeLessThanOrEqual(1e-10);
      compared++;
    }
    expect(compared).toBe(67);
    console.log(`QASMBench: ${compared} circuits compared with quantum-circuit's importer, worst probability difference ${worst.toExponential(2)}`);
  }, 60_000);
});
