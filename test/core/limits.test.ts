// Every engine limit refuses clearly, exactly at its edge; bad circuits say what is wrong.
import { describe, expect, it } from "vitest";
import { CircuitBuilder, CoreError, simulate, StateVector, symbol } from "../../core/index.ts";

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
