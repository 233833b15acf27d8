// A portfolio chosen by QAOA and judged against what a user should compare it with: the exact
// optimum (enumeration, n ≤ 20), the greedy pick, and as many uniformly random right-sized
// portfolios as QAOA took samples. The answer a user acts on is the best *measured* portfolio
// (as Qiskit's QAOA reports best_measurement): seeded shots from the final state, scored classically.
import { popcount, Rng, sampleCounts, type Circuit } from "../../core/index.ts";
import { qaoaCircuit } from "./circuit.ts";
import { approximationRatio, enumeratePortfolios, greedyPortfolio, portfolioObjective, portfolioQubo, type PortfolioProblem } from "./portfolio.ts";
import { optimizeQaoa, type Mixer, type QaoaResult } from "./qaoa.ts";
import { bitsOf, quboDiagonal } from "./qubo.ts";

export interface PortfolioSolveOptions {
  layers: number;
  restarts: number;
  iterations: number;
  shots: number;
  seed: number;
  /** "xy" (default): the budget kept by the mixer. "x": the budget as a QUBO penalty, every bitstring reachable. */
  mixer?: "xy" | "x";
}

export interface ScoredPortfolio {
  /** 1 = asset i is held; asset 0 first. */
  bits: number[];
  objective: number;
  /** Holds exactly `budget` assets. */
  feasible: boolean;
  /** 1 = the optimum, 0 = the worst right-sized portfolio (below 0 when the size is wrong). */
  approximationRatio: number;
}

export interface PortfolioSolution {
  /** The best portfolio among the shots. */
  best: ScoredPortfolio & { probability: number; count: number };
  /** The final state's most likely portfolios, most likely first. */
  mostLikely: (ScoredPortfolio & { probability: number })[];
  /** ⟨objective⟩ over the final state's right-sized portfolios, its ratio, and the probability of a right-sized one at all. */
  expected: { objective: number; approximationRatio: number; feasibleProbability: number };
  optimum: ScoredPortfolio & { probability: number };
  greedy: ScoredPortfolio;
  /** The best of `shots` uniformly random right-sized portfolios (same seed): what sampling alone buys. */
  randomSampling: ScoredPortfolio;
  qaoa: Omit<QaoaResult, "probabilities" | "params"> & { gammas: number[]; betas: number[]; mixer: Mixer };
  circuit: Circuit;
}

export function solvePortfolio(problem: PortfolioProblem, options: PortfolioSolveOptions): PortfolioSolution {
  const n = problem.returns.length;
  const mixer: Mixer = options.mixer === "x" ? { kind: "x" } : { kind: "xy", weight: problem.budget };
  const qubo = portfolioQubo(problem, mixer.kind === "xy" ? 0 : undefined);
  const result = optimizeQaoa(n, quboDiagonal(qubo), { layers: options.layers, restarts: options.restarts, iterations: options.iterations, seed: options.seed, mixer });
  const bounds = enumeratePortfolios(problem);
  const score = (bits: number[]): ScoredPortfolio => {
    const objective = portfolioObjective(problem, bits);
    const feasible = bits.reduce((s, b) => s + b, 0) === problem.budget;
    return { bits, objective, feasible, approximationRatio: feasible ? approximationRatio(bounds, objective) : Math.min(0, approximationRatio(bounds, objective)) };
  };
  const probabilities = result.probabilities;
  const counts = sampleCounts(probabilities, options.shots, new Rng(options.seed));
  const sampled = [...counts.entries()].map(([index, count]) => ({ ...score(bitsOf(index, n)), probability: probabilities[index]!, count }));
  const best = sampled.reduce((a, b) => (rank(b) < rank(a) ? b : a));
  const mostLikely = Array.from(probabilities.keys()).sort((a, b) => probabilities[b]! - probabilities[a]! || a - b).slice(0, 5).map((index) => ({ ...score(bitsOf(index, n)), probability: probabilities[index]! }));
  let feasibleProbability = 0, objective = 0;
  probabilities.forEach((pz, index) => {
    if (pz === 0 || popcount(index) !== problem.budget) return;
    feasibleProbability += pz;
    objective += pz * portfolioObjective(problem, bitsOf(index, n));
  });
  objective /= feasibleProbability || 1;
  const optimumIndex = bounds.best.bits.reduce((s, b, i) => s + (b << i), 0);
  const p = result.params.length / 2;
  const { probabilities: _probabilities, params, ...facts } = result;
  return {
    best,
    mostLikely,
    expected: { objective, approximationRatio: approximationRatio(bounds, objective), feasibleProbability },
    optimum: { ...score(bounds.best.bits), probability: probabilities[optimumIndex]! },
    greedy: score(greedyPortfolio(problem)),
    randomSampling: bestOfRandom(problem, options.shots, options.seed, score),
    qaoa: { ...facts, gammas: Array.from(params.subarray(0, p)), betas: Array.from(params.subarray(p)), mixer },
    circuit: qaoaCircuit(qubo, mixer, params, result.scale),
  };
}

/** Right-sized before wrong-sized, then the lower objective. */
function rank(p: ScoredPortfolio): number {
  return (p.feasible ? 0 : 1e12) + p.objective;
}

function bestOfRandom(problem: PortfolioProblem, shots: number, seed: number, score: (bits: number[]) => ScoredPortfolio): ScoredPortfolio {
  const n = problem.returns.length, rng = new Rng(seed + 1);
  let best: ScoredPortfolio | null = null;
  for (let s = 0; s < shots; s++) {
    // A uniformly random k-subset: the first k of a Fisher–Yates shuffle.
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < problem.budget; i++) {
      const j = i + rng.nextInt(n - i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const bits = new Array<number>(n).fill(0);
    for (let i = 0; i < problem.budget; i++) bits[order[i]!] = 1;
    const scored = score(bits);
    if (!best || scored.objective < best.objective) best = scored;
  }
  return best!;
}
