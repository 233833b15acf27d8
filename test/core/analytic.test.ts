// Known states: Bell, GHZ, QFT of basis states, Grover's success probability, multi-controlled X,
// custom unitaries, and measurement, reset and classical conditions.
import { describe, expect, it } from "vitest";
import { CircuitBuilder, gateDefinition, simulate } from "../../core/index.ts";

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!), `index ${i}`).toBeLessThan(tol);
};

/** Qiskit's QFT: H and controlled phases from the top qubit down, then swaps. */
function qft(builder: CircuitBuilder, n: number): CircuitBuilder {
  for (let j = n - 1; j >= 0; j--) {
    builder.h(j);
    for (let k = j - 1; k >= 0; k--) builder.cp(Math.PI / 2 ** (j - k), k, j);
  }
  for (let q = 0; q < n / 2; q++) if (q !== n - 1 - q) builder.swap(q, n - 1 - q);
  return builder;
}

describe("analytic states", () => {
  it("Bell state (|00⟩ + |11⟩)/√2", () => {
    const { re, im } = simulate(new CircuitBuilder(2).h(0).cx(0, 1).build()).statevector();
    close(re, [Math.SQRT1_2, 0, 0, Math.SQRT1_2]);
    close(im, [0, 0, 0, 0]);
  });

  it.each([3, 4, 5])("GHZ on %i qubits", (n) => {
    const b = new CircuitBuilder(n).h(0);
    for (let q = 1; q < n; q++) b.cx(q - 1, q);
    const p = simulate(b.build()).probabilities();
    const expected = new Float64Array(2 ** n);
    expected[0] = 0.5;
    expected[2 ** n - 1] = 0.5;
    close(p, expected);
  });

  it.each([[3, 5], [4, 11], [5, 19]])("QFT on %i qubits maps |%i⟩ to its Fourier phases", (n, x) => {
    const b = new CircuitBuilder(n);
    for (let q = 0; q < n; q++) if ((x >> q) & 1) b.x(q);
    const { re, im } = simulate(qft(b, n).build()).statevector();
    const N = 2 ** n;
    close(re, Array.from({ length: N }, (_, k) => Math.cos((2 * Math.PI * x * k) / N) / Math.sqrt(N)), 1e-12);
    close(im, Array.from({ length: N }, (_, k) => Math.sin((2 * Math.PI * x * k) / N) / Math.sqrt(N)), 1e-12);
  });

  it.each([3, 4, 5])("Grover on %i qubits finds the marked state with probability sin²((2k+1)θ)", (n) => {
    const N = 2 ** n, marked = N - 3;
    const iterations = Math.floor((Math.PI / 4) * Math.sqrt(N));
    const all = Array.from({ length: n }, (_, q) => q);
    const b = new CircuitBuilder(n);
    all.forEach((q) => b.h(q));
    const flipZeros = () => all.forEach((q) => { if (!((marked >> q) & 1)) b.x(q); });
    const mcz = () => { b.h(n - 1); b.mcx(all.slice(0, -1), n - 1); b.h(n - 1); };
    for (let k = 0; k < iterations; k++) {
      flipZeros(); mcz(); flipZeros(); // oracle: phase −1 on |marked⟩
      all.forEach((q) => b.h(q)); all.forEach((q) => b.x(q)); mcz(); all.forEach((q) => b.x(q)); all.forEach((q) => b.h(q));
    }
    const theta = Math.asin(1 / Math.sqrt(N));
    expect(simulate(b.build()).probabilities()[marked]).toBeCloseTo(Math.sin((2 * iterations + 1) * theta) ** 2, 12);
  });

  it("a 3-controlled X flips the target only when all controls are 1", () => {
    for (let input = 0; input < 16; input++) {
      const b = new CircuitBuilder(4);
      for (let q = 0; q < 4; q++) if ((input >> q) & 1) b.x(q);
      const p = simulate(b.mcx([0, 1, 2], 3).build()).probabilities();
      const expected = (input & 7) === 7 ? input ^ 8 : input;
      expect(p[expected]).toBeCloseTo(1, 14);
    }
  });

  it("a custom unitary acts exactly like the gate whose matrix it is", () => {
    const u3 = gateDefinition("u3")!.matrix([0.4, 1.1, -0.7]);
    const cry = gateDefinition("cry")!.matrix([2.1]);
    const named = new CircuitBuilder(3).h(0).h(2).u3(0.4, 1.1, -0.7, 1).cry(2.1, 2, 0).build();
    const custom = new CircuitBuilder(3).h(0).h(2).unitary(u3, [1], "u").unitary(cry, [2, 0], "cry").build();
    const a = simulate(named).statevector(), b = simulate(custom).statevector();
    close(a.re, b.re, 1e-14);
    close(a.im, b.im, 1e-14);
  });

  it("a controlled custom unitary and a catalog gate with extra controls", () => {
    const h = gateDefinition("h")!.matrix([]);
    const viaControls = new CircuitBuilder(3).x(0).x(1).unitary(h, [2], "H", { controls: [0, 1] }).build();
    const viaGate = new CircuitBuilder(3).x(0).x(1).gate("h", [2], [], { controls: [0, 1] }).build();
    close(simulate(viaControls).probabilities(), [0, 0, 0, 0.5, 0, 0, 0, 0.5]);
    close(simulate(viaGate).probabilities(), [0, 0, 0, 0.5, 0, 0, 0, 0.5]);
  });
});

describe("measurement, reset and conditions", () => {
  it("reset returns a qubit to |0⟩ whatever it held", () => {
    const p = simulate(new CircuitBuilder(2).x(0).h(1).reset(0).reset(1).build(), { seed: 3 }).probabilities();
    close(p, [1, 0, 0, 0]);
  });

  it("teleportation with classically controlled corrections reproduces the input state", () => {
    const theta = 1.1;
    const circuit = new CircuitBuilder(3, 2)
      .rx(theta, 0).h(1).cx(1, 2).cx(0, 1).h(0).measure(0, 0).measure(1, 1)
      .gate("x", [2], [], { condition: { clbits: [1], value: 1 } })
      .gate("z", [2], [], { condition: { clbits: [0], value: 1 } })
      .build();
    const result = simulate(circuit, { shots: 400, seed: 11 });
    close(result.marginal([2]), [Math.cos(theta / 2) ** 2, Math.sin(theta / 2) ** 2], 1e-12);
    expect(Object.values(result.counts()).reduce((a, b) => a + b, 0)).toBe(400);
  });

  it("mid-circuit measurement is seeded: same seed, same counts; the statistics are right", () => {
    const circuit = new CircuitBuilder(1, 2).h(0).measure(0, 0).h(0).measure(0, 1).build();
    const a = simulate(circuit, { shots: 4000, seed: 5 }).counts();
    expect(simulate(circuit, { shots: 4000, seed: 5 }).counts()).toEqual(a);
    expect(simulate(circuit, { shots: 4000, seed: 6 }).counts()).not.toEqual(a);
    for (const key of ["00", "01", "10", "11"]) expect(Math.abs(a[key]! / 4000 - 0.25)).toBeLessThan(0.03);
  });

  it("terminal measurement counts are keyed by classical registers, last register first", () => {
    const circuit = new CircuitBuilder(2, 2, { cregs: [{ name: "a", start: 0, size: 1 }, { name: "b", start: 1, size: 1 }] })
      .x(1).measure(0, 0).measure(1, 1).build();
    expect(simulate(circuit, { shots: 10, seed: 1 }).counts()).toEqual({ "1 0": 10 });
  });

  it("without measurements, shots sample every qubit", () => {
    expect(simulate(new CircuitBuilder(3).x(0).x(2).build(), { shots: 7 }).counts()).toEqual({ "101": 7 });
  });
});
