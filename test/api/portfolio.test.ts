// optimizePortfolio over GraphQL over HTTP: an answer beside its baselines within the request's
// budget; risk aversion from the profile only with consent; every bad input named at its path;
// a too-large problem refused by the work budget before any work; and the drawn circuit, taken
// back through `simulate` as OpenQASM, gives the probability the solver reported.
import { beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../config/index.ts";
import { syntheticMarket } from "../../ml/index.ts";
import { graphql, signUp } from "../support/graphql.ts";

const OPTIMIZE = `mutation ($input: PortfolioInput!) { optimizePortfolio(input: $input) {
  __typename
  ... on PortfolioSolution {
    best { assets bitstring objective feasible approximationRatio probability count }
    mostLikely { assets probability }
    expected { objective approximationRatio feasibleProbability }
    optimum { assets objective probability approximationRatio }
    greedy { assets approximationRatio probability }
    randomSampling { approximationRatio }
    riskAversion riskAversionSource budget
    qaoa { layers mixer gammas betas scale evaluations byDepth warmStartWon }
    circuit { numQubits gateCount qasm(version: 3) }
  }
  ... on ValidationError { issues { path message } }
  ... on BudgetError { message } } }`;
const PROFILE = `mutation ($input: UpdateProfileInput!) { updateProfile(input: $input) { __typename } }`;
const SIMULATE = `query ($qasm: String!) { simulate(input: { qasm: $qasm }) { ... on Simulation { probabilities(limit: 4096) { index probability } } } }`;

let user: { apiKey: string };
const as = (query: string, variables?: Record<string, unknown>) => graphql(query, variables, { apiKey: user.apiKey });
const market = (n: number, seed = 1) => {
  const { returns, covariance } = syntheticMarket(n, seed);
  return { returns, covariance: Array.from({ length: n }, (_, i) => covariance.slice(i * n, (i + 1) * n)) };
};
const optimize = async (input: Record<string, unknown>) => (await as(OPTIMIZE, { input })).body.data!.optimizePortfolio;

beforeAll(async () => {
  user = await signUp("Portfolio");
});

describe("optimizePortfolio", () => {
  it("picks 4 of 8 assets by QAOA, beside the exact optimum, greedy and random sampling, and its circuit simulates to the same state", async () => {
    const answer = await optimize({ ...market(8), budget: 4, riskAversion: 0.5 });
    expect(answer.__typename).toBe("PortfolioSolution");
    expect(answer).toMatchObject({ budget: 4, riskAversion: 0.5, riskAversionSource: "INPUT", qaoa: { layers: 3, mixer: "xy" } });
    expect(answer.best.assets).toHaveLength(4);
    expect(answer.best.feasible).toBe(true);
    expect(answer.best.approximationRatio).toBeGreaterThanOrEqual(0.95);
    expect(answer.best.count).toBeGreaterThan(0);
    expect(answer.expected.feasibleProbability).toBeCloseTo(1, 10);
    expect(answer.optimum.approximationRatio).toBe(1);
    expect(answer.greedy.probability).toBeNull();
    expect(answer.qaoa.gammas).toHaveLength(3);
    // The drawn circuit, read back by the API's own simulate, gives the optimum the probability reported.
    const simulated = (await as(SIMULATE, { qasm: answer.circuit.qasm })).body.data!.simulate.probabilities;
    const index = answer.optimum.assets.reduce((s: number, a: number) => s + 2 ** a, 0);
    expect(simulated.find((p: { index: number }) => p.index === index).probability).toBeCloseTo(answer.optimum.probability, 9);
  });

  it("reads risk aversion from the profile only with consent to personalisation, and says which it used", async () => {
    const refused = await optimize({ ...market(6), budget: 3 });
    expect(refused.issues).toEqual([{ path: ["input", "riskAversion"], message: "your profile is only read with your consent to personalisation, which is off: pass riskAversion (0 = returns only; larger = more averse to variance)" }]);
    expect((await as(PROFILE, { input: { preferences: { riskAversion: 2 } } })).body.data!.updateProfile.__typename).toBe("UpdateProfilePayload");
    expect((await optimize({ ...market(6), budget: 3 })).issues[0].path).toEqual(["input", "riskAversion"]); // still no consent
    await as(PROFILE, { input: { consent: { personalization: true } } });
    const answer = await optimize({ ...market(6), budget: 3, layers: 1 });
    expect(answer).toMatchObject({ riskAversion: 2, riskAversionSource: "PROFILE" });
    expect((await optimize({ ...market(6), budget: 3, layers: 1, riskAversion: 0 })).riskAversionSource).toBe("INPUT");
  });

  it("names every bad input at once, and does no work", async () => {
    const { returns, covariance } = market(4);
    covariance[0]![1] = 5;
    covariance[2]![2] = -1;
    const refused = await optimize({ returns, covariance, budget: 4, riskAversion: -1, layers: 0 });
    expect(refused.issues.map((i: { path: (string | number)[] }) => i.path.join("."))).toEqual(
      expect.arrayContaining(["input.budget", "input.riskAversion", "input.layers", "input.covariance.0.1", "input.covariance.2.2"]),
    );
    const ragged = await optimize({ returns, covariance: covariance.slice(0, 3), budget: 2, riskAversion: 1 });
    expect(ragged.issues).toEqual([{ path: ["input", "covariance"], message: "must be 4×4: one row of 4 numbers per asset" }]);
    const tooMany = await optimize({ ...market(limits.portfolio.maxAssets + 1), budget: 2, riskAversion: 1 });
    expect(tooMany.issues[0]).toEqual({ path: ["input", "returns"], message: `must have at most ${limits.portfolio.maxAssets} assets` });
  });

  it("a problem too large for one request is refused by the work budget, naming the cost", async () => {
    const answer = await optimize({ ...market(16), budget: 8, riskAversion: 1 });
    expect(answer.__typename).toBe("BudgetError");
    expect(answer.message).toContain("QAOA on 16 assets");
  });
});
