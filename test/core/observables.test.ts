// Pauli-sum observables: the forms users write, clear errors, and exact expectation values.
import { describe, expect, it } from "vitest";
import { CircuitBuilder, CoreError, PauliSum, simulate } from "../../core/index.ts";

describe("PauliSum.parse", () => {
  it.each([
    ["0.5*Z0 Z1 + X2", "0.5*Z0 Z1 + X2"],
    ["Z0*Z1 - 2 Y3", "Z0 Z1 - 2*Y3"],
    ["1e-3 * X0 + 1.5", "0.001*X0 + 1.5"],
    ["-ZZI", "-Z1 Z2"],
    ["0.25 * XY", "0.25*Y0 X1"],
    ["z0 x1", "Z0 X1"],
  ])("%s reads as %s", (text, printed) => {
    expect(PauliSum.parse(text).toString()).toBe(printed);
  });

  it.each([
    ["", /empty observable/],
    ["Z0 + ", /a sign with no term after it/],
    ["Q0", /neither a number nor a Pauli factor/],
    ["Z0 Z0", /qubit 0 appears twice/],
  ])("refuses %j", (text, message) => {
    expect(() => PauliSum.parse(text)).toThrow(CoreError);
    expect(() => PauliSum.parse(text)).toThrow(message);
  });
});

describe("expectation values", () => {
  it("on |+⟩|0⟩|i⟩: ⟨X0⟩ = 1, ⟨Z1⟩ = 1, ⟨Y2⟩ = 1, products multiply", () => {
    const result = simulate(new CircuitBuilder(3).h(0).h(2).s(2).build());
    expect(result.expectation("X0")).toBeCloseTo(1, 14);
    expect(result.expectation("Z1")).toBeCloseTo(1, 14);
    expect(result.expectation("Y2")).toBeCloseTo(1, 14);
    expect(result.expectation("0.5*X0 Z1 Y2 - 2 + Z0")).toBeCloseTo(0.5 - 2, 14);
  });

  it("refuses an observable on qubits the circuit lacks", () => {
    expect(() => simulate(new CircuitBuilder(2).build()).expectation("Z2")).toThrow(/acts on qubit 2/);
  });
});
