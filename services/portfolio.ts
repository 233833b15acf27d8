// Portfolio optimisation per risk profile: the user's assets (expected returns, covariance) and
// budget (pick k of n), their risk aversion (passed in, or from their profile when they consent to
// personalisation), solved by QAOA inside the request's work budget, beside the exact optimum,
// the greedy pick and random sampling (ml/optimization).
import * as z from "zod";
import { limits } from "../config/index.ts";
import { solvePortfolio, type PortfolioSolution, type PortfolioSolveOptions, type ScoredPortfolio } from "../ml/index.ts";
import type { RequestBudget } from "./budget.ts";
import type { Db } from "./db.ts";
import { InvalidInputError } from "./errors.ts";
import { between, int } from "./number-input.ts";

const { portfolio } = limits;
const value = z.number().min(-portfolio.maxAbsValue, between(-portfolio.maxAbsValue, portfolio.maxAbsValue)).max(portfolio.maxAbsValue, between(-portfolio.maxAbsValue, portfolio.maxAbsValue));

export const portfolioSchema = z
  .object({
    returns: z.array(value).min(2, { error: "needs at least 2 assets" }).max(portfolio.maxAssets, { error: `must have at most ${portfolio.maxAssets} assets` }),
    covariance: z.array(z.array(value)),
    budget: z.number().int({ error: "must be a whole number" }).min(1, { error: "must be at least 1" }),
    riskAversion: z.number().min(0, between(0, portfolio.maxRiskAversion)).max(portfolio.maxRiskAversion, between(0, portfolio.maxRiskAversion)).nullish(),
    layers: int(1, portfolio.maxLayers).nullish(),
    restarts: int(1, portfolio.maxRestarts).nullish(),
    iterations: int(1, portfolio.maxIterations).nullish(),
    shots: int(1, portfolio.maxShots).nullish(),
    seed: int(0, limits.maxSeed).nullish(),
    mixer: z.enum(["XY", "X"]).nullish(),
  })
  .superRefine((input, ctx) => {
    const n = input.returns.length;
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
    if (input.budget >= n) issue(["budget"], `must be below the number of assets (${n})`);
    if (input.covariance.length !== n || input.covariance.some((row) => row.length !== n)) {
      issue(["covariance"], `must be ${n}×${n}: one row of ${n} numbers per asset`);
      return;
    }
    for (let i = 0; i < n; i++) {
      if (input.covariance[i]![i]! < 0) issue(["covariance", i, i], "a variance (the diagonal) cannot be negative");
      for (let j = i + 1; j < n; j++) {
        if (Math.abs(input.covariance[i]![j]! - input.covariance[j]![i]!) > 1e-9 * Math.max(1, Math.abs(input.covariance[i]![j]!))) issue(["covariance", i, j], `must equal covariance[${j}][${i}] (a covariance matrix is symmetric)`);
      }
    }
  });

export type PortfolioInput = z.input<typeof portfolioSchema>;

export const PORTFOLIO_DEFAULTS = { layers: 3, restarts: 3, iterations: 50, shots: 1024, seed: 0 } as const;

/** Work units of a solve: every Adam step is a forward and backward sweep of every layer, about 12·(n + 2) units per amplitude each (measured). */
export function portfolioWork(n: number, options: Pick<PortfolioSolveOptions, "layers" | "restarts" | "iterations" | "shots">): number {
  let layerSweeps = 0;
  for (let p = 1; p <= options.layers; p++) layerSweeps += (options.restarts + (p > 1 ? 1 : 0)) * options.iterations * p;
  return layerSweeps * 2 ** n * 12 * (n + 2) + 2 ** n * (n + 10) + options.shots * 50;
}

/** A portfolio as the API shows it: QAOA's picks carry their probability (and the best its shot count). */
export type ScoredPortfolioView = ScoredPortfolio & { probability?: number; count?: number };

export interface PortfolioAnswer extends PortfolioSolution {
  riskAversion: { value: number; source: "INPUT" | "PROFILE" };
  budget: number;
}

export async function optimizePortfolio(db: Db, userId: string, input: PortfolioInput, budget: RequestBudget): Promise<PortfolioAnswer> {
  const riskAversion = input.riskAversion != null ? { value: input.riskAversion, source: "INPUT" as const } : await profileRiskAversion(db, userId);
  const options = {
    layers: input.layers ?? PORTFOLIO_DEFAULTS.layers,
    restarts: input.restarts ?? PORTFOLIO_DEFAULTS.restarts,
    iterations: input.iterations ?? PORTFOLIO_DEFAULTS.iterations,
    shots: input.shots ?? PORTFOLIO_DEFAULTS.shots,
    seed: input.seed ?? PORTFOLIO_DEFAULTS.seed,
    mixer: input.mixer === "X" ? ("x" as const) : ("xy" as const),
  };
  budget.charge(portfolioWork(input.returns.length, options), `QAOA on ${input.returns.length} assets (${options.layers} layers, ${options.restarts} restarts, ${options.iterations} steps each)`, ["optimizePortfolio"]);
  const solution = solvePortfolio({ returns: input.returns, covariance: input.covariance.flat(), budget: input.budget, riskAversion: riskAversion.value }, options);
  return { ...solution, riskAversion, budget: input.budget };
}

/**
 * The profile's preferences.riskAversion, read only with the user's consent to personalisation:
 * without it (or without the preference) the caller must pass riskAversion.
 */
async function profileRiskAversion(db: Db, userId: string): Promise<{ value: number; source: "PROFILE" }> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, select: { preferences: true, consentPersonalization: true } });
  const missing = (why: string) => new InvalidInputError([{ path: ["input", "riskAversion"], message: `${why}: pass riskAversion (0 = returns only; larger = more averse to variance)` }]);
  if (!user.consentPersonalization) throw missing("your profile is only read with your consent to personalisation, which is off");
  const stored = (user.preferences as Record<string, unknown> | null)?.riskAversion;
  if (typeof stored !== "number" || !(stored >= 0 && stored <= limits.portfolio.maxRiskAversion)) {
    throw missing(`your profile's preferences have no riskAversion between 0 and ${limits.portfolio.maxRiskAversion}`);
  }
  return { value: stored, source: "PROFILE" };
}
