// Every engine limit refuses clearly, exactly at its edge; bad circuits say what is wrong.
import { describe, expect, it } from "vitest";
import { CircuitBuilder, CoreError, parseQasm, simulate, StateVector, symbol } from "../../core/index.ts";
import { MAX_GATE_NESTING } from "../../core/qasm/read-options.ts";
import { MAX_EXPRESSION_NODES } from "../../core/qasm/substitute.ts";

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (error) {
    return error instanceof CoreError ? error.code : String(error);
  }
  return "no error";
};

describe("limits", () => {
  it("qubits: up to maxQubits is allocated, one more is refused with the memory it would need", () => {
    expect(StateVector.zero(10, 10).size).toBe(1024);
    expect(() => StateVector.zero(11, 10)).toThrow("LIMIT_EXCEEDED: 11 qubits need 32 KiB of statevector; the limit is 10 qubits");
    expect(() => StateVector.zero(27)).toThrow("27 qubits need 2 GiB of statevector; the limit is 24 qubits");
    expect(codeOf(() => simulate(new CircuitBuilder(11).h(10).build(), { maxQubits: 10 }))).toBe("LIMIT_EXCEEDED");
  });

  it("shots: up to maxShots, one more is refused", () => {
    const circuit = new CircuitBuilder(1).h(0).build();
    expect(Object.values(simulate(circuit, { shots: 100, maxShots: 100 }).counts()).reduce((a, b) => a + b)).toBe(100);
    expect(() => simulate(circuit, { shots: 101, maxShots: 100 })).toThrow("101 shots requested; the limit is 100");
    expect(codeOf(() => simulate(circuit, { shots: -1 }))).toBe("CIRCUIT_INVALID");
  });
});

describe("invalid circuits", () => {
  it.each([
    ["a qubit out of range", () => new CircuitBuilder(2).cx(0, 2), "cx: qubit 2 is out of range (the circuit has 2 qubit(s): 0..1)"],
    ["repeated qubits", () => new CircuitBuilder(2).cx(1, 1), "cx: qubits must be distinct, got [1, 1]"],
    ["an unknown gate", () => new CircuitBuilder(1).gate("foo", [0]), 'unknown gate "foo"'],
    ["a wrong parameter count", () => new CircuitBuilder(1).gate("rx", [0], []), "rx takes 1 parameter(s), got 0"],
    ["a non-finite angle", () => new CircuitBuilder(1).rx(Infinity, 0), "rx parameter must be finite, got Infinity"],
    ["a non-unitary matrix", () => new CircuitBuilder(1).unitary([1, 0, 1, 0, 0, 0, 1, 0], [0]), 'matrix for "unitary" is not unitary'],
    ["a matrix of the wrong size", () => new CircuitBuilder(2).unitary([1, 0, 0, 0, 0, 0, 1, 0], [0, 1]), "a unitary on 2 qubit(s) needs 32 numbers"],
  ])("refuses %s", (_name, build, message) => {
    expect(build).toThrow(CoreError);
    expect(build).toThrow(message);
  });

  it("an unbound parameter names the parameter and the ones the circuit has", () => {
    const circuit = new CircuitBuilder(1).rx(symbol("theta"), 0).ry(symbol("phi"), 0).build();
    expect(() => simulate(circuit, { bindings: { theta: 1 } })).toThrow('UNBOUND_PARAMETER: parameter "phi" has no value (the circuit\'s parameters: phi, theta)');
  });
});

describe("OpenQASM expansion limits", () => {
  const chain = (levels: number, version: 2 | 3) => {
    const lines = version === 2 ? ["OPENQASM 2.0;", 'include "qelib1.inc";', "gate g1 a { x a; }"] : ["OPENQASM 3.0;", 'include "stdgates.inc";', "gate g1 a { x a; }"];
    for (let i = 2; i <= levels; i++) lines.push(`gate g${i} a { g${i - 1} a; }`);
    lines.push(version === 2 ? "qreg q[1];" : "qubit[1] q;", `g${levels} q[0];`);
    return lines.join("\n");
  };

  it.each([2, 3] as const)(`OpenQASM %i: gate definitions nest up to ${MAX_GATE_NESTING} levels; the next is refused where it is defined`, (version) => {
    expect(parseQasm(chain(MAX_GATE_NESTING, version)).operations).toHaveLength(1);
    expect(() => parseQasm(chain(MAX_GATE_NESTING + 1, version))).toThrow(`LIMIT_EXCEEDED at ${MAX_GATE_NESTING + 3}:6: gate definitions nest deeper than ${MAX_GATE_NESTING} levels`);
    expect(codeOf(() => parseQasm(chain(4_000, version)))).toBe("LIMIT_EXCEEDED");
  });

  it("a symbolic parameter doubled at every level of nesting is refused once it passes the node limit, before it is evaluated", () => {
    const lines = ["OPENQASM 3.0;", 'include "stdgates.inc";', "input float t;", "gate d0(a) q { rx(a) q; }"];
    for (let i = 1; i <= 40; i++) lines.push(`gate d${i}(a) q { d${i - 1}(a + a) q; }`);
    lines.push("qubit[1] q;", "d40(t) q[0];");
    expect(() => parseQasm(lines.join("\n"))).toThrow(`parameter of 'd`);
    expect(() => parseQasm(lines.join("\n"))).toThrow(`grows past ${MAX_EXPRESSION_NODES} terms`);
    // Constant arguments fold as they go, so the same nesting with a number is fine.
    expect(parseQasm(lines.join("\n").replace("d40(t) q[0];", "d40(0.001) q[0];")).operations).toHaveLength(1);
  });
});
