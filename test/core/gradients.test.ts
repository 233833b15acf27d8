// Adjoint and parameter-shift gradients agree with each other and with finite differences, on
// random parametric circuits with expressions, every parametric gate kind and extra controls.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  adjointGradient, binary, bindingValues, CircuitBuilder, compileCircuit, constant, parameterShiftGradient, PauliSum,
  Rng, simulate, symbol, unary, type Circuit,
} from "../../core/index.ts";
import { pickDistinct } from "./support/random-circuit.ts";

const PARAMETRIC: [string, number, number][] = [
  ["rx", 1, 1], ["ry", 1, 1], ["rz", 1, 1], ["p", 1, 1], ["u2", 1, 2], ["u3", 1, 3], ["crx", 2, 1], ["cry", 2, 1], ["crz", 2, 1],
  ["cp", 2, 1], ["cu3", 2, 3], ["cu", 2, 4], ["rxx", 2, 1], ["ryy", 2, 1], ["rzz", 2, 1],
];
const FIXED = ["h", "cx", "sx", "cz", "swap", "ecr"];

/** Parameters are expressions over symbols a, b, c: a, 2*b - 0.3, sin(c)*a, ... */
function randomParametricCircuit(seed: number, n: number, gates: number): Circuit {
  const rng = new Rng(seed);
  const syms = ["a", "b", "c"].map(symbol);
  const exprFor = () => {
    const s = syms[rng.nextInt(3)]!;
    switch (rng.nextInt(4)) {
      case 0: return s;
      case 1: return binary("-", binary("*", constant(2), s), constant(0.3));
      case 2: return binary("*", unary("sin", syms[rng.nextInt(3)]!), s);
      default: return rng.nextFloat() * 4 - 2;
    }
  };
  const b = new CircuitBuilder(n);
  for (let k = 0; k < gates; k++) {
    if (rng.nextFloat() < 0.3) {
      const name = FIXED[rng.nextInt(FIXED.length)]!;
      const width = name === "h" || name === "sx" ? 1 : 2;
      if (width <= n) b.gate(name, pickDistinct(rng, n, width));
      continue;
    }
    const fitting = PARAMETRIC.filter(([, q]) => q <= n);
    const [name, width, params] = fitting[rng.nextInt(fitting.length)]!;
    const qubits = pickDistinct(rng, n, width + (n > width && rng.nextFloat() < 0.2 ? 1 : 0));
    const controls = qubits.slice(width); // sometimes an extra control around the gate
    b.gate(name, qubits.slice(0, width), Array.from({ length: params }, exprFor), { controls });
  }
  return b.build();
}

const observable = PauliSum.parse("0.7*Z0 + 0.4*X1 Y0 - 0.25*Y1 + 0.1");

function finiteDifference(circuit: Circuit, bindings: Record<string, number>, name: string): number {
  const h = 1e-5;
  const at = (delta: number) => simulate(circuit, { bindings: { ...bindings, [name]: bindings[name]! + delta } }).expectation(observable);
  return (at(h) - at(-h)) / (2 * h);
}

describe("gradients", () => {
  it("adjoint = parameter-shift = finite differences", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 2, max: 5 }), (seed, n) => {
        const circuit = randomParametricCircuit(seed, n, 14);
        const program = compileCircuit(circuit);
        if (program.symbols.length === 0) return;
        const rng = new Rng(seed + 1);
        const bindings = Object.fromEntries(program.symbols.map((s) => [s, rng.nextFloat() * 4 - 2]));
        const values = bindingValues(program, bindings);
        const adjoint = adjointGradient(program, values, observable);
        const shift = parameterShiftGradient(program, values, observable);
        expect(adjoint.value).toBeCloseTo(simulate(circuit, { bindings }).expectation(observable), 12);
        program.symbols.forEach((name, i) => {
          expect(Math.abs(adjoint.gradient[i]! - shift.gradient[i]!), `${name}: adjoint vs shift`).toBeLessThan(1e-10);
          expect(Math.abs(adjoint.gradient[i]! - finiteDifference(circuit, bindings, name)), `${name}: adjoint vs finite difference`).toBeLessThan(1e-7);
        });
      }),
      { seed: 21, numRuns: 60 },
    );
  });

  it("parameter-shift with shots estimates the gradient, reproducibly for a seed", () => {
    const circuit = new CircuitBuilder(2).ry(symbol("a"), 0).crx(symbol("b"), 0, 1).rz(symbol("a"), 1).build();
    const program = compileCircuit(circuit);
    const values = bindingValues(program, { a: 0.8, b: 1.3 });
    const obs = PauliSum.parse("Z0 + X1");
    const exact = adjointGradient(program, values, obs).gradient;
    const sampled = parameterShiftGradient(program, values, obs, { shots: 20_000, seed: 4 });
    expect(parameterShiftGradient(program, values, obs, { shots: 20_000, seed: 4 }).gradient).toEqual(sampled.gradient);
    exact.forEach((g, i) => expect(Math.abs(sampled.gradient[i]! - g)).toBeLessThan(0.05));
  });

  it("refuses circuits that measure", () => {
    const program = compileCircuit(new CircuitBuilder(1, 1).rx(symbol("a"), 0).measure(0, 0).build());
    expect(() => adjointGradient(program, Float64Array.of(0.1), PauliSum.parse("Z0"))).toThrow(/without mid-circuit measurement/);
  });
});

describe("blocked adjoint", () => {
  it("gives the same gradient whatever the block size", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 31 }), fc.integer({ min: 3, max: 6 }), fc.integer({ min: 1, max: 5 }), (seed, n, blockQubits) => {
        const program = compileCircuit(randomParametricCircuit(seed, n, 20));
        const rng = new Rng(seed + 2);
        const values = Float64Array.from(program.symbols, () => rng.nextFloat() * 4 - 2);
        const plain = adjointGradient(program, values, observable, { blockQubits: 30 });
        const blocked = adjointGradient(program, values, observable, { blockQubits });
        expect(blocked.value).toBeCloseTo(plain.value, 12);
        plain.gradient.forEach((g, i) => expect(Math.abs(blocked.gradient[i]! - g)).toBeLessThan(1e-11));
      }),
      { seed: 22, numRuns: 80 },
    );
  });
});
