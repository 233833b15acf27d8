// read → write → read: the same circuit (state fidelity 1, same measurements and conditions),
// for OpenQASM 2 and 3, on random circuits over every gate kind, custom unitaries and controls.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CircuitBuilder, gateDefinition, parseQasm, Rng, simulate, symbol, binary, constant, toQasm2, toQasm3, type Circuit,
} from "../../core/index.ts";
import { randomCircuit } from "./support/random-circuit.ts";

function fidelity(a: Circuit, b: Circuit, bindings: Record<string, number> = {}): number {
  const x = simulate(a, { bindings }).statevector(), y = simulate(b, { bindings }).statevector();
  let re = 0, im = 0;
  for (let i = 0; i < x.re.length; i++) {
    re += x.re[i]! * y.re[i]! + x.im[i]! * y.im[i]!;
    im += x.re[i]! * y.im[i]! - x.im[i]! * y.re[i]!;
  }
  return Math.hypot(re, im);
}

const circuitArb = fc.record({ seed: fc.integer({ min: 0, max: 2 ** 31 }), n: fc.integer({ min: 1, max: 6 }), gates: fc.integer({ min: 0, max: 30 }) });

describe("OpenQASM round trips", () => {
  it.each([[2, toQasm2], [3, toQasm3]] as const)("OpenQASM %i: random circuits over every gate kind", (_v, write) => {
    fc.assert(
      fc.property(circuitArb, ({ seed, n, gates }) => {
        const circuit = randomCircuit(new Rng(seed), n, gates).circuit;
        const text = write(circuit);
        const back = parseQasm(text);
        expect(back.numQubits).toBe(circuit.numQubits);
        expect(fidelity(circuit, back), text).toBeCloseTo(1, 12);
        // And once more: reading inlines gate definitions, so compare states, not text.
        expect(fidelity(circuit, parseQasm(write(back)))).toBeCloseTo(1, 12);
      }),
      { seed: 31, numRuns: 120 },
    );
  });

  it("OpenQASM 3 keeps symbolic parameters as inputs, and expressions exactly", () => {
    const theta = symbol("theta"), phi = symbol("phi");
    const circuit = new CircuitBuilder(2)
      .rx(binary("^", theta, constant(2)), 0).ry(binary("*", constant(2), phi), 1).crz(binary("-", theta, phi), 0, 1)
      .gate("u3", [1], [theta, phi, constant(Math.PI / 8)]).build();
    const text = toQasm3(circuit);
    expect(text).toContain("input float[64] phi;\ninput float[64] theta;");
    expect(text).toContain("rx(theta**2) q[0];");
    const back = parseQasm(text);
    expect(back.parameters).toEqual(["phi", "theta"]);
    expect(fidelity(circuit, back, { theta: 0.7, phi: -1.2 })).toBeCloseTo(1, 12);
    expect(() => toQasm2(circuit)).toThrow("OpenQASM 2 has no free parameters: bind phi, theta first, or write OpenQASM 3");
  });

  it("extra controls, custom one-qubit unitaries, measurement, reset and conditions survive", () => {
    const u = gateDefinition("u3")!.matrix([0.3, 1.2, -0.4]);
    const circuit = new CircuitBuilder(4, 2)
      .h(0).h(1).mcx([0, 1, 2], 3).gate("ry", [3], [0.9], { controls: [0, 1] }).unitary(u, [2], "mine", { controls: [0] })
      .measure(0, 0).reset(1).gate("x", [1], [], { condition: { clbits: [0, 1], value: 1 } }).measure(1, 1).build();
    const back = parseQasm(toQasm3(circuit));
    expect(back.gateCounts()).toMatchObject({ measure: 2, reset: 1 });
    for (const seed of [1, 2, 3]) expect(simulate(back, { shots: 200, seed }).counts()).toEqual(simulate(circuit, { shots: 200, seed }).counts());
    // OpenQASM 2 has no `ctrl(2) @ ry`.
    expect(() => toQasm2(circuit)).toThrow("OpenQASM 2 cannot express ry with 2 extra control(s): write OpenQASM 3");
    const plain = new CircuitBuilder(2).unitary(u, [0], "mine").cx(0, 1).build();
    expect(fidelity(plain, parseQasm(toQasm2(plain)))).toBeCloseTo(1, 12);
  });

  it("refuses custom unitaries on several qubits with a clear message", () => {
    const circuit = new CircuitBuilder(2).unitary(gateDefinition("cx")!.matrix([]), [0, 1], "mycx").build();
    expect(() => toQasm3(circuit)).toThrow('a custom 2-qubit unitary ("mycx") has no OpenQASM form: decompose it into standard gates first');
  });
});
