// Portfolio selection by QAOA (pick n/2 of n assets of a seeded one-factor market, risk aversion
// 0.5), p = 3 at the API's defaults, with both mixers, beside the exact optimum, greedy and the
// best of as many random right-sized portfolios as QAOA took shots. Time is per solve, in-process.
import { solvePortfolio, syntheticMarket } from "../ml/index.ts";
import { formatMs, printTable } from "./support/timing.ts";

const f3 = (x: number) => x.toFixed(3);

export function portfolioBench(sizes = [8, 10, 12], seeds = [1, 2, 3]): void {
  const rows: string[][] = [];
  for (const mixer of ["xy", "x"] as const) {
    for (const n of sizes) {
      for (const seed of seeds) {
        const problem = { ...syntheticMarket(n, seed), budget: n / 2, riskAversion: 0.5 };
        const started = performance.now();
        const s = solvePortfolio(problem, { layers: 3, restarts: 3, iterations: 50, shots: 1024, seed: 0, mixer });
        const ms = performance.now() - started;
        const uniform = 1 / binomial(n, n / 2);
        rows.push([
          `${mixer === "xy" ? "XY mixer, Dicke start" : "X mixer + penalty"}: n = ${n}, seed ${seed}`,
          f3(s.best.approximationRatio),
          f3(s.expected.approximationRatio),
          `${(s.optimum.probability / uniform).toFixed(1)}×`,
          f3(s.expected.feasibleProbability),
          f3(s.greedy.approximationRatio),
          f3(s.randomSampling.approximationRatio),
          formatMs(ms),
        ]);
      }
    }
  }
  printTable(["QAOA p = 3 (3 restarts + INTERP, 50 Adam steps, 1,024 shots)", "best measured", "⟨ratio⟩", "P(optimum) vs chance", "P(right size)", "greedy", "random ×1,024", "time"], rows);
}

function binomial(n: number, k: number): number {
  let c = 1;
  for (let i = 0; i < k; i++) c = (c * (n - i)) / (i + 1);
  return c;
}
