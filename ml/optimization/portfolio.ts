// Mean-variance portfolio selection as a QUBO, as qiskit-finance's PortfolioOptimization
// formulates it: choose exactly `budget` of n assets to minimise q·xᵀΣx − μᵀx, q the risk
// aversion. The budget becomes a penalty P·(Σx − budget)², with P large enough that no portfolio
// of the wrong size can beat one of the right size. Baselines: the exact optimum (enumeration)
// and a greedy pick; the quality measure, the approximation ratio, is over right-sized portfolios.
import { popcount, Rng } from "../../core/index.ts";
import { bitsOf, MAX_ENUMERATED, quboDiagonal, type Qubo } from "./qubo.ts";

export interface PortfolioProblem {
  /** Expected return of each asset (n). */
  returns: number[];
  /** Covariance of the returns, n×n row-major, symmetric. */
  covariance: number[];
  /** Assets to pick. */
  budget: number;
  /** q ≥ 0: how much a unit of variance costs against a unit of return. */
  riskAversion: number;
}

/** q·xᵀΣx − μᵀx for a selection. */
export function portfolioObjective(p: PortfolioProblem, x: ArrayLike<number>): number {
  const n = p.returns.length;
  let risk = 0, ret = 0;
  for (let i = 0; i < n; i++) {
    if (!x[i]) continue;
    ret += p.returns[i]!;
    for (let j = 0; j < n; j++) if (x[j]) risk += p.covariance[i * n + j]!;
  }
  return p.riskAversion * risk - ret;
}

/**
 * The penalty weight: just above the most one asset can change the objective by joining any
 * portfolio (|μ_i| + q·(Σ_ii + 2·Σ_j≠i |Σ_ij|), the largest over i). Every portfolio of size
 * k + m (m ≠ 0) then scores worse than the right-sized one it contains or extends: it pays
 * P·m² ≥ P·|m| for at most |m| such changes. No heavier: a larger penalty drowns the differences
 * between right-sized portfolios that QAOA has to resolve.
 */
export function budgetPenalty(p: PortfolioProblem): number {
  const n = p.returns.length;
  let most = 0;
  for (let i = 0; i < n; i++) {
    let change = Math.abs(p.returns[i]!) + p.riskAversion * Math.abs(p.covariance[i * n + i]!);
    for (let j = 0; j < n; j++) if (j !== i) change += p.riskAversion * (Math.abs(p.covariance[i * n + j]!) + Math.abs(p.covariance[j * n + i]!));
    most = Math.max(most, change);
  }
  return most * 1.01 + 1e-12;
}

/** The QUBO; `penalty: 0` leaves the budget out (for a mixer that keeps it by construction). */
export function portfolioQubo(p: PortfolioProblem, penalty = budgetPenalty(p)): Qubo {
  const n = p.returns.length, k = p.budget, P = penalty;
  const linear = new Array<number>(n).fill(0), quadratic = new Array<number>(n * n).fill(0);
  for (let i = 0; i < n; i++) {
    // x_i² = x_i: the diagonal of Σ and of the penalty's square land on the linear terms.
    linear[i] = p.riskAversion * p.covariance[i * n + i]! - p.returns[i]! + P * (1 - 2 * k);
    for (let j = i + 1; j < n; j++) quadratic[i * n + j] = p.riskAversion * (p.covariance[i * n + j]! + p.covariance[j * n + i]!) + 2 * P;
  }
  return { n, linear, quadratic, constant: P * k * k };
}

export interface PortfolioBounds {
  /** The best and worst objective over portfolios of exactly `budget` assets. */
  best: { bits: number[]; objective: number };
  worst: number;
  feasibleCount: number;
}

/** Every right-sized portfolio's objective: the exact optimum, and the worst (n ≤ 20). */
export function enumeratePortfolios(p: PortfolioProblem): PortfolioBounds {
  const n = p.returns.length;
  if (n > MAX_ENUMERATED) throw new Error(`enumerating ${n} assets needs 2^${n} portfolios; at most ${MAX_ENUMERATED}`);
  const values = quboDiagonal(portfolioQubo(p));
  let best = -1, worst = -Infinity, count = 0;
  for (let index = 0; index < values.length; index++) {
    if (popcount(index) !== p.budget) continue;
    count++;
    if (best < 0 || values[index]! < values[best]!) best = index;
    worst = Math.max(worst, values[index]!);
  }
  const bits = bitsOf(best, n);
  return { best: { bits, objective: portfolioObjective(p, bits) }, worst, feasibleCount: count };
}

/** 1 for the optimum, 0 for the worst right-sized portfolio; below 0 for a wrong-sized one. */
export function approximationRatio(bounds: PortfolioBounds, objective: number): number {
  const span = bounds.worst - bounds.best.objective;
  return span > 0 ? (bounds.worst - objective) / span : 1;
}

/** The classical baseline: add the asset that lowers the objective most, `budget` times. */
export function greedyPortfolio(p: PortfolioProblem): number[] {
  const n = p.returns.length, x = new Array<number>(n).fill(0);
  for (let step = 0; step < p.budget; step++) {
    let pick = -1, value = Infinity;
    for (let i = 0; i < n; i++) {
      if (x[i]) continue;
      x[i] = 1;
      const v = portfolioObjective(p, x);
      x[i] = 0;
      if (v < value) [pick, value] = [i, v];
    }
    x[pick] = 1;
  }
  return x;
}



/**
 * A seeded synthetic market of n assets: returns from a one-factor model (a market factor plus
 * each asset's own noise), so assets are correlated as real ones are. Expected returns 2–20 %,
 * volatilities 10–40 %; covariance βᵢβⱼσ_m² + δᵢⱼσᵢ².
 */
export function syntheticMarket(n: number, seed: number): { returns: number[]; covariance: number[] } {
  const rng = new Rng(seed);
  const marketVariance = 0.04;
  const beta = Array.from({ length: n }, () => 0.5 + rng.nextFloat());
  const own = Array.from({ length: n }, () => (0.1 + 0.3 * rng.nextFloat()) ** 2);
  const returns = Array.from({ length: n }, (_, i) => 0.02 + 0.08 * beta[i]! + 0.1 * rng.nextFloat());
  const covariance = Array.from({ length: n * n }, (_, k) => {
    const i = Math.floor(k / n), j = k % n;
    return beta[i]! * beta[j]! * marketVariance + (i === j ? own[i]! : 0);
  });
  return { returns, covariance };
}
