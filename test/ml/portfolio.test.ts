// Portfolio optimisation by QAOA in ml/: the QUBO and its Ising form against direct evaluation,
// the budget penalty's promise (the QUBO's minimum is always a right-sized portfolio), the
// dedicated QAOA simulator against the general engine running the drawn circuit, its adjoint
// gradient against finite differences, the Dicke preparation, and the quality the bench reports.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CircuitBuilder, simulate } from "../../core/index.ts";
import {
  bitsOf,
  enumeratePortfolios,
  interpolate,
  portfolioObjective,
  portfolioQubo,
  prepareDicke,
  QaoaCircuit,
  qaoaCircuit,
  quboDiagonal,
  quboValue,
  solvePortfolio,
  syntheticMarket,
  toIsing,
  type Mixer,
  type PortfolioProblem,
} from "../../ml/index.ts";

const problem = (n: number, seed: number, budget = Math.floor(n / 2), riskAversion = 0.5): PortfolioProblem => ({ ...syntheticMarket(n, seed), budget, riskAversion });
const popcount = (z: number) => bitsOf(z, 20).reduce((s, b) => s + b, 0);

describe("the portfolio QUBO", () => {
  it("its diagonal, its Ising form and direct evaluation agree at every bitstring", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 8 }), fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 5, noNaN: true }), (n, seed, q) => {
        const qubo = portfolioQubo(problem(n, seed, 1, q));
        const diagonal = quboDiagonal(qubo), ising = toIsing(qubo);
        for (let z = 0; z < 2 ** n; z++) {
          const x = bitsOf(z, n), spin = x.map((b) => 1 - 2 * b);
          const fromIsing = ising.offset + ising.h.reduce((s, h, i) => s + h * spin[i]!, 0) + ising.couplings.reduce((s, c) => s + c.weight * spin[c.i]! * spin[c.j]!, 0);
          expect(diagonal[z]).toBeCloseTo(quboValue(qubo, x), 9);
          expect(fromIsing).toBeCloseTo(diagonal[z]!, 9);
        }
      }),
      { seed: 3, numRuns: 40 },
    );
  });

  it("the penalty keeps the budget: the QUBO's minimum is always the best right-sized portfolio", () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 1000 }), fc.double({ min: 0, max: 10, noNaN: true }), fc.integer({ min: 1, max: 8 }), (n, seed, q, k) => {
        const p = problem(n, seed, Math.min(k, n - 1), q);
        const diagonal = quboDiagonal(portfolioQubo(p));
        let best = 0;
        for (let z = 1; z < diagonal.length; z++) if (diagonal[z]! < diagonal[best]!) best = z;
        expect(popcount(best)).toBe(p.budget);
        expect(portfolioObjective(p, bitsOf(best, n))).toBeCloseTo(enumeratePortfolios(p).best.objective, 12);
      }),
      { seed: 4, numRuns: 60 },
    );
  });
});

describe("the QAOA simulator", () => {
  const mixers: [string, Mixer][] = [["x", { kind: "x" }], ["xy", { kind: "xy", weight: 2 }]];

  it.each(mixers)("with the %s mixer, gives the same state as the general engine running the drawn circuit", (_name, mixer) => {
    const p = problem(5, 9, 2);
    const qubo = portfolioQubo(p, mixer.kind === "xy" ? 0 : undefined);
    const diagonal = quboDiagonal(qubo), scale = 0.7;
    const params = Float64Array.from([0.3, -0.8, 0.5, 0.25]); // γ1 γ2 β1 β2
    const dedicated = new QaoaCircuit(5, Float64Array.from(diagonal, (c) => c / scale), mixer).probabilities(params);
    const engine = simulate(qaoaCircuit(qubo, mixer, params, scale)).probabilities();
    for (let z = 0; z < 32; z++) expect(dedicated[z]).toBeCloseTo(engine[z]!, 10);
  });

  it.each(mixers)("with the %s mixer, has the adjoint gradient finite differences give", (_name, mixer) => {
    const cost = quboDiagonal(portfolioQubo(problem(5, 2, 2)));
    const circuit = new QaoaCircuit(5, Float64Array.from(cost, (c) => c / 3), mixer);
    const params = Float64Array.from([0.4, 0.9, -0.2, 0.6, 0.1, 0.35]);
    const { gradient } = circuit.energyAndGradient(params);
    const h = 1e-6;
    params.forEach((_, i) => {
      const plus = Float64Array.from(params), minus = Float64Array.from(params);
      plus[i]! += h;
      minus[i]! -= h;
      expect(gradient[i]).toBeCloseTo((circuit.energyAndGradient(plus).energy - circuit.energyAndGradient(minus).energy) / (2 * h), 6);
    });
  });

  it("prepares the Dicke state exactly, and keeps the weight through xy layers", () => {
    for (const [n, k] of [[4, 1], [5, 2], [6, 3], [7, 5]] as const) {
      const builder = new CircuitBuilder(n);
      prepareDicke(builder, n, k);
      const probabilities = simulate(builder.build()).probabilities();
      const count = Array.from({ length: 2 ** n }, (_, z) => z).filter((z) => popcount(z) === k).length;
      probabilities.forEach((pz, z) => expect(pz).toBeCloseTo(popcount(z) === k ? 1 / count : 0, 12));
    }
    const state = new QaoaCircuit(6, quboDiagonal(portfolioQubo(problem(6, 1, 3))), { kind: "xy", weight: 3 }).probabilities(Float64Array.from([0.2, 0.7, 1.1, 0.4]));
    state.forEach((pz, z) => popcount(z) !== 3 && expect(pz).toBeLessThan(1e-28));
  });

  it("INTERP stretches each angle schedule by one layer, keeping its ends", () => {
    expect(Array.from(interpolate(Float64Array.from([0.4, 0.8])))).toEqual([0.4, 0.4, 0.8, 0.8]);
    const grown = interpolate(Float64Array.from([0.1, 0.3, 0.9, 0.5]));
    expect(Array.from(grown).map((x) => +x.toFixed(12))).toEqual([0.1, 0.2, 0.3, 0.9, 0.7, 0.5]);
  });
});

describe("QAOA on portfolios (seeded)", () => {
  it.each([8, 10])("n = %i, p = 3: the best measured portfolio is within 5 %% of the optimum, and the optimum is far likelier than by chance", (n) => {
    const p = problem(n, 1);
    const solution = solvePortfolio(p, { layers: 3, restarts: 3, iterations: 50, shots: 1024, seed: 0 });
    const bounds = enumeratePortfolios(p);
    expect(solution.best.feasible).toBe(true);
    expect(solution.best.approximationRatio).toBeGreaterThanOrEqual(0.95);
    expect(solution.expected.feasibleProbability).toBeCloseTo(1, 12); // the xy mixer never leaves the budget
    expect(solution.optimum.probability).toBeGreaterThan(10 / bounds.feasibleCount);
    expect(solution.qaoa.byDepth[2]!).toBeLessThan(solution.qaoa.byDepth[0]!); // depth helped
    expect(solution.circuit.numQubits).toBe(n);
  });
});
