// Noisy simulation: closed forms (a depolarized Bell pair, amplitude and phase damping, readout
// confusion), the density matrix and the trajectories agreeing on random noisy circuits within
// their standard errors, and a noise-free model giving exactly what simulate() gives.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CircuitBuilder, PauliSum, simulate, simulateDensity, simulateNoisy, simulateNoisyStepwise, simulateTrajectories, type Circuit, type NoiseModel } from "../../core/index.ts";

const depolarizing = (p: number): NoiseModel => ({ gates: [{ channel: { kind: "depolarizing", probability: p } }], readout: [] });
const bell = () => new CircuitBuilder(2).h(0).cx(0, 1).build();

describe("closed forms", () => {
  it.each([0, 0.02, 0.1, 0.5, 1])("a Bell pair with depolarizing p = %f after every gate: ⟨ZZ⟩ = (1 − p)², ⟨XX⟩ = (1 − p)³", (p) => {
    const observables = ["Z0 Z1", "X0 X1"].map((o) => PauliSum.parse(o));
    const exact = simulateDensity(bell(), { noise: depolarizing(p), observables });
    expect(exact.expectations[0]!.value).toBeCloseTo((1 - p) ** 2, 12);
    expect(exact.expectations[1]!.value).toBeCloseTo((1 - p) ** 3, 12);
    const sampled = simulateTrajectories(bell(), { noise: depolarizing(p), observables, trajectories: 4000, seed: 7 });
    sampled.expectations.forEach((e, k) => expect(Math.abs(e.value - exact.expectations[k]!.value)).toBeLessThanOrEqual(3 * e.standardError + 1e-12));
  });

  it("amplitude damping leaves |1⟩ with probability 1 − γ; phase damping shrinks ⟨X⟩ of |+⟩ to √(1 − λ)", () => {
    const one = new CircuitBuilder(1).x(0).build();
    const damped = simulateDensity(one, { noise: { gates: [{ channel: { kind: "amplitudeDamping", gamma: 0.3 } }], readout: [] } });
    expect(damped.probabilities[1]).toBeCloseTo(0.7, 12);
    const plus = new CircuitBuilder(1).h(0).build();
    const dephased = simulateDensity(plus, { noise: { gates: [{ channel: { kind: "phaseDamping", lambda: 0.36 } }], readout: [] }, observables: [PauliSum.parse("X0"), PauliSum.parse("Z0")] });
    expect(dephased.expectations[0]!.value).toBeCloseTo(0.8, 12);
    expect(dephased.expectations[1]!.value).toBeCloseTo(0, 12);
  });

  it("readout error matches its confusion matrix, and shot counts follow it", () => {
    const circuit = new CircuitBuilder(2).x(0).measure(0, 0).measure(1, 1).build();
    const noise: NoiseModel = { gates: [], readout: [{ p01: 0.03, p10: 0.1 }] };
    const { result, noisy } = simulateNoisy(circuit, { noise, shots: 20_000, seed: 3 });
    // qubit 0 is 1 (read 0 with 0.1), qubit 1 is 0 (read 1 with 0.03): P(index) is the product.
    const want = [0.1 * 0.97, 0.9 * 0.97, 0.1 * 0.03, 0.9 * 0.03];
    want.forEach((p, i) => expect(noisy.probabilities[i]).toBeCloseTo(p, 12));
    const counts = result.counts();
    expect(Math.abs((counts["00"] ?? 0) / 20_000 - want[0]!)).toBeLessThan(4 * Math.sqrt((want[0]! * (1 - want[0]!)) / 20_000));
    expect(() => result.statevector()).toThrow("a noisy simulation has no single final state");
  });

  it("rules apply only after the gates and on the qubits they name", () => {
    const noise: NoiseModel = { gates: [{ channel: { kind: "amplitudeDamping", gamma: 1 }, gates: ["cx"], qubits: [1] }], readout: [] };
    const circuit = new CircuitBuilder(2).x(0).x(1).cx(0, 1).x(1).build(); // after cx: qubit 1 is 0, reset to 0 by γ = 1 (no change), then x → 1
    expect(simulateDensity(circuit, { noise }).probabilities[3]).toBeCloseTo(1, 12);
    const other = new CircuitBuilder(2).x(0).x(1).build(); // no cx: nothing happens
    expect(simulateDensity(other, { noise }).probabilities[3]).toBeCloseTo(1, 12);
  });
});

describe("trajectories against the density matrix", () => {
  const gates = ["h", "x", "s", "t", "rx", "ry", "rz", "cx", "cz", "swap", "crx"] as const;
  const randomCircuit = fc.record({
    n: fc.integer({ min: 2, max: 4 }),
    ops: fc.array(fc.record({ gate: fc.constantFrom(...gates), a: fc.nat(), b: fc.nat(), angle: fc.double({ min: -3, max: 3, noNaN: true }) }), { minLength: 2, maxLength: 14 }),
    p: fc.double({ min: 0, max: 0.3, noNaN: true }),
    gamma: fc.double({ min: 0, max: 0.3, noNaN: true }),
    lambda: fc.double({ min: 0, max: 0.3, noNaN: true }),
  });
  const build = ({ n, ops }: { n: number; ops: { gate: (typeof gates)[number]; a: number; b: number; angle: number }[] }): Circuit => {
    const c = new CircuitBuilder(n);
    for (const { gate, a, b, angle } of ops) {
      const q = a % n, r = (q + 1 + (b % (n - 1))) % n;
      if (gate === "rx" || gate === "ry" || gate === "rz") c[gate](angle, q);
      else if (gate === "crx") c.crx(angle, q, r);
      else if (gate === "cx" || gate === "cz" || gate === "swap") c[gate](q, r);
      else c[gate](q);
    }
    return c.build();
  };

  it("agree within 3 standard errors on at least 95 % of ⟨Z_i⟩, ⟨X_i⟩, ⟨Z_0 Z_1⟩ of random noisy circuits, and every one within 5", () => {
    const deviations: number[] = [];
    fc.assert(
      fc.property(randomCircuit, (spec) => {
        const circuit = build(spec);
        const noise: NoiseModel = {
          gates: [
            { channel: { kind: "depolarizing", probability: spec.p } },
            { channel: { kind: "amplitudeDamping", gamma: spec.gamma }, gates: ["cx", "cz", "swap", "crx"] },
            { channel: { kind: "phaseDamping", lambda: spec.lambda }, qubits: [0] },
          ],
          readout: [],
        };
        const observables = [...Array.from({ length: spec.n }, (_, q) => [`Z${q}`, `X${q}`]).flat(), "Z0 Z1"].map((o) => PauliSum.parse(o));
        const exact = simulateDensity(circuit, { noise, observables });
        const sampled = simulateTrajectories(circuit, { noise, observables, trajectories: 1500, seed: 11 });
        sampled.expectations.forEach((e, k) => {
          const gap = Math.abs(e.value - exact.expectations[k]!.value);
          deviations.push(e.standardError > 0 ? gap / e.standardError : gap < 1e-9 ? 0 : Infinity);
        });
        const total = exact.probabilities.reduce((a, b) => a + b, 0);
        expect(total).toBeCloseTo(1, 10); // the density matrix stays a state
      }),
      { seed: 2024, numRuns: 25 },
    );
    const within3 = deviations.filter((d) => d <= 3).length / deviations.length;
    expect(deviations.length).toBeGreaterThan(150);
    expect(within3).toBeGreaterThanOrEqual(0.95);
    expect(Math.max(...deviations)).toBeLessThanOrEqual(5);
  });

  it("run step by step (yielding between gates, as a server slices it), either method gives the same result, bit for bit", () => {
    const circuit = new CircuitBuilder(3).h(0).cx(0, 1).ry(0.4, 2).cz(1, 2).measure(0, 0).build();
    for (const method of ["densityMatrix", "trajectories"] as const) {
      const options = { noise: depolarizing(0.1), method, trajectories: 20, shots: 50, seed: 4, observables: [PauliSum.parse("Z0 Z2")] };
      const steps = simulateNoisyStepwise(circuit, options);
      let yields = 0, next = steps.next();
      for (; !next.done; next = steps.next()) yields++;
      const direct = simulateNoisy(circuit, options);
      expect(Array.from(next.value.noisy.probabilities)).toEqual(Array.from(direct.noisy.probabilities));
      expect(next.value.noisy.expectations).toEqual(direct.noisy.expectations);
      expect(next.value.result.counts()).toEqual(direct.result.counts());
      expect(yields).toBeGreaterThanOrEqual(method === "trajectories" ? 20 * 4 : 4);
    }
  });

  it("a noise-free model gives exactly simulate()'s probabilities, by either method", () => {
    const circuit = new CircuitBuilder(3).h(0).cx(0, 1).ry(0.4, 2).cz(1, 2).t(2).build();
    const clean = simulate(circuit).probabilities();
    const none: NoiseModel = { gates: [], readout: [] };
    for (const method of ["densityMatrix", "trajectories"] as const) {
      const { noisy } = simulateNoisy(circuit, { noise: none, method, trajectories: 3 });
      clean.forEach((p, i) => expect(noisy.probabilities[i]).toBeCloseTo(p, 12));
    }
  });
});
