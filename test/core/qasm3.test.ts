// The OpenQASM 3 reader: what Qiskit's qasm3.dumps and Cirq write, modifiers, and refusals.
import { describe, expect, it } from "vitest";
import { CircuitBuilder, CoreError, parseQasm, simulate } from "../../core/index.ts";

const HEADER = 'OPENQASM 3.0;\ninclude "stdgates.inc";\n';
const close = (a: Float64Array, b: Float64Array) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i]!, 12));

describe("OpenQASM 3 reader", () => {
  it("reads Qiskit's qasm3.dumps output: inputs, bit/qubit registers, measure assignments, if blocks", () => {
    const source = `${HEADER}input float[64] theta;
bit[2] c;
qubit[2] q;
h q[0];
cx q[0], q[1];
rz(theta) q[1];
c[0] = measure q[0];
if (c == 1) {
  x q[1];
}
c[1] = measure q[1];
`;
    const circuit = parseQasm(source);
    expect(circuit.parameters).toEqual(["theta"]);
    expect(simulate(circuit, { bindings: { theta: 0.4 }, shots: 400, seed: 2 }).counts()).toEqual({ "00": 215, "01": 185 });
  });

  it("reads Cirq-style programs with physical qubits and old-style registers", () => {
    const circuit = parseQasm(`${HEADER}qreg q[2];\ncreg m[2];\nsx q[0];\ncz q[0], q[1];\nmeasure q -> m;\n`);
    expect(circuit.gateCounts()).toEqual({ sx: 1, cz: 1, measure: 2 });
    const physical = parseQasm(`${HEADER}h $0;\ncx $0, $2;\n`);
    expect(physical.numQubits).toBe(3);
    expect(simulate(physical).probabilities()[5]).toBeCloseTo(0.5, 14);
  });

  it("applies ctrl, negctrl, inv and pow modifiers, also to user gates with a global phase", () => {
    const modified = parseQasm(`${HEADER}qubit[3] q;
gate phased a { gphase(pi/2); x a; }
x q[0];
ctrl @ phased q[0], q[1];
negctrl @ x q[2], q[1];
inv @ ctrl @ rx(0.5) q[0], q[2];
pow(3) @ s q[0];
pow(0.5) @ x q[2];
pow(2) @ pow(0.5) @ x q[2];
`);
    const expected = new CircuitBuilder(3).x(0)
      .cx(0, 1).p(Math.PI / 2, 0) // ctrl @ (gphase(π/2)·X) = CX and a phase on the control
      .x(2).cx(2, 1).x(2)
      .crx(-0.5, 0, 2)
      .s(0).s(0).s(0)
      .sx(2).x(2) // (X^½)² = X exactly, on the principal branch
      .build();
    const a = simulate(modified).statevector(), b = simulate(expected).statevector();
    close(a.re, b.re);
    close(a.im, b.im);
  });

  it.each([
    ["a for loop", `${HEADER}qubit[1] q;\nfor int i in [0:2] { h q[0]; }`, "'for' is outside the supported subset", 4, 1],
    ["a classical declaration", `${HEADER}int x = 3;`, "'int' is outside the supported subset", 3, 1],
    ["an else branch", `${HEADER}qubit[1] q;\nbit[1] c;\nif (c == 1) { x q[0]; } else { h q[0]; }`, "'else' is outside the supported subset", 5, 25],
    ["a range index", `${HEADER}qubit[3] q;\nh q[0:1];`, "index ranges are not supported", 4, 6],
    ["another include", 'OPENQASM 3.0;\ninclude "mylib.inc";', 'only "stdgates.inc" can be included', 2, 9],
    ["a fractional power of a two-qubit gate", `${HEADER}qubit[2] q;\npow(0.5) @ cx q[0], q[1];`, "pow(0.5) with a fractional exponent is only supported", 4, 12],
  ])("refuses %s by name and position", (_name, source, message, line, column) => {
    try {
      parseQasm(source);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CoreError);
      expect((error as CoreError).code).toMatch(/QASM_UNSUPPORTED|QASM_SEMANTIC/);
      expect((error as CoreError).message).toContain(message);
      expect([(error as CoreError).line, (error as CoreError).column]).toEqual([line, column]);
    }
  });
});
