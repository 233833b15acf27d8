// `optimizePortfolio`: pick k of n assets by mean-variance with QAOA, inside the request's work
// budget, and see the answer beside the exact optimum, the greedy pick and random sampling.
import * as z from "zod";
import { limits } from "../config/index.ts";
import { diagramOf, optimizePortfolio, portfolioSchema, PORTFOLIO_DEFAULTS, writeQasm, type PortfolioAnswer, type ScoredPortfolioView } from "../services/index.ts";
import { builder } from "./builder.ts";
import { DiagramFormatEnum } from "./circuit.ts";

const { portfolio } = limits;

const PortfolioPickRef = builder.objectRef<ScoredPortfolioView>("PortfolioPick").implement({
  description: "One portfolio: which assets it holds, its objective q·xᵀΣx − μᵀx (lower is better) and how close to the optimum it is.",
  fields: (t) => ({
    assets: t.intList({ description: "Indices of the assets held (0-based, in the order of `returns`).", resolve: (p) => p.bits.flatMap((b, i) => (b ? [i] : [])) }),
    bitstring: t.string({ description: "x as Qiskit prints it: asset n−1 first.", resolve: (p) => [...p.bits].reverse().join("") }),
    objective: t.exposeFloat("objective"),
    feasible: t.exposeBoolean("feasible", { description: "Holds exactly `budget` assets." }),
    approximationRatio: t.exposeFloat("approximationRatio", { description: "(worst − this)/(worst − optimum) over right-sized portfolios: 1 is optimal." }),
    probability: t.float({ nullable: true, description: "Its probability in QAOA's final state (null for the classical baselines).", resolve: (p) => p.probability ?? null }),
    count: t.int({ nullable: true, description: "Shots that measured it (the best measured portfolio only).", resolve: (p) => p.count ?? null }),
  }),
});

const ExpectedRef = builder.objectRef<PortfolioAnswer["expected"]>("PortfolioExpectation").implement({
  fields: (t) => ({
    objective: t.exposeFloat("objective", { description: "Mean objective over the final state's right-sized portfolios." }),
    approximationRatio: t.exposeFloat("approximationRatio"),
    feasibleProbability: t.exposeFloat("feasibleProbability", { description: "Probability of measuring a right-sized portfolio (1 with the XY mixer)." }),
  }),
});

const QaoaRunRef = builder.objectRef<PortfolioAnswer["qaoa"]>("QaoaRun").implement({
  fields: (t) => ({
    layers: t.int({ resolve: (q) => q.gammas.length }),
    mixer: t.string({ description: "xy (the budget kept by the mixer, from the Dicke state) or x (the budget as a penalty).", resolve: (q) => q.mixer.kind }),
    gammas: t.floatList({ description: "Cost angles, for the cost normalised to zero mean and unit spread (see scale).", resolve: (q) => q.gammas }),
    betas: t.floatList({ resolve: (q) => q.betas }),
    scale: t.exposeFloat("scale", { description: "The objective's spread the angles were normalised by (γ for the raw objective is γ/scale)." }),
    evaluations: t.exposeInt("evaluations", { description: "Energy-and-gradient evaluations (adjoint sweeps) spent." }),
    byDepth: t.floatList({ description: "Best normalised ⟨cost⟩ at each depth 1..p: what each layer added.", resolve: (q) => q.byDepth }),
    warmStartWon: t.boolean({ description: "Whether the INTERP warm start from the previous depth beat the random restarts at the final depth.", resolve: (q) => q.winner === "warm" }),
  }),
});

const PortfolioCircuitRef = builder.objectRef<PortfolioAnswer["circuit"]>("PortfolioCircuit").implement({
  description: "The QAOA circuit with the trained angles bound: what the dedicated simulation ran, as gates.",
  fields: (t) => ({
    numQubits: t.exposeInt("numQubits"),
    depth: t.int({ resolve: (c) => c.depth() }),
    gateCount: t.int({ resolve: (c) => c.operations.length }),
    diagram: t.string({
      args: { format: t.arg({ type: DiagramFormatEnum, required: true, defaultValue: "TEXT" }) },
      resolve: (c, { format }, context) => diagramOf(c, format, context.budget),
    }),
    qasm: t.string({
      args: { version: t.arg.int({ required: true, defaultValue: 2, validate: z.union([z.literal(2), z.literal(3)], { error: "must be 2 or 3" }) }) },
      resolve: (c, { version }, context) => writeQasm(c, version === 3 ? 3 : 2, context.budget),
    }),
  }),
});

const RiskSourceEnum = builder.enumType("RiskAversionSource", { values: { INPUT: { description: "Passed in the request." }, PROFILE: { description: "Your profile's preferences.riskAversion (read with your consent to personalisation)." } } as const });
const MixerEnum = builder.enumType("QaoaMixer", {
  values: {
    XY: { description: "Default: ring XY mixer from the Dicke state; only right-sized portfolios are ever reachable." },
    X: { description: "The textbook X mixer from |+⟩, the budget as a QUBO penalty (qiskit-finance's formulation)." },
  } as const,
});

const PortfolioRef = builder.objectRef<PortfolioAnswer>("PortfolioSolution").implement({
  fields: (t) => ({
    best: t.field({ type: PortfolioPickRef, description: "The best portfolio among the shots: the answer to act on.", resolve: (s) => s.best }),
    mostLikely: t.field({ type: [PortfolioPickRef], description: "The final state's five most likely portfolios.", resolve: (s) => s.mostLikely }),
    expected: t.field({ type: ExpectedRef, resolve: (s) => s.expected }),
    optimum: t.field({ type: PortfolioPickRef, description: "The exact optimum (enumeration), with its probability in the final state.", resolve: (s) => s.optimum }),
    greedy: t.field({ type: PortfolioPickRef, description: "Classical baseline: add the asset that lowers the objective most, budget times.", resolve: (s) => s.greedy }),
    randomSampling: t.field({ type: PortfolioPickRef, description: "Baseline: the best of as many uniformly random right-sized portfolios as there were shots.", resolve: (s) => s.randomSampling }),
    riskAversion: t.float({ resolve: (s) => s.riskAversion.value }),
    riskAversionSource: t.field({ type: RiskSourceEnum, resolve: (s) => s.riskAversion.source }),
    budget: t.exposeInt("budget"),
    qaoa: t.field({ type: QaoaRunRef, resolve: (s) => s.qaoa }),
    circuit: t.field({ type: PortfolioCircuitRef, resolve: (s) => s.circuit }),
  }),
});

const PortfolioInput = builder.inputType("PortfolioInput", {
  description: `Choose exactly budget of n assets (2–${portfolio.maxAssets}) to minimise riskAversion·xᵀΣx − μᵀx.`,
  validate: portfolioSchema,
  fields: (t) => ({
    returns: t.floatList({ required: true, description: `Expected return of each asset (μ), |μ_i| ≤ ${portfolio.maxAbsValue}.` }),
    covariance: t.field({ type: t.listRef(t.listRef("Float", { required: true }), { required: true }), required: true, description: "Covariance of the returns (Σ): n rows of n numbers, symmetric, variances ≥ 0." }),
    budget: t.int({ required: true, description: "Assets to hold: 1 to n − 1." }),
    riskAversion: t.float({ description: `q, 0–${portfolio.maxRiskAversion}. Default: your profile's preferences.riskAversion, read only with your consent to personalisation.` }),
    layers: t.int({ description: `QAOA depth p, 1–${portfolio.maxLayers} (default ${PORTFOLIO_DEFAULTS.layers}).` }),
    restarts: t.int({ description: `Seeded random starts per depth, 1–${portfolio.maxRestarts} (default ${PORTFOLIO_DEFAULTS.restarts}); deeper circuits also start warm from the last (INTERP).` }),
    iterations: t.int({ description: `Adam steps per start, 1–${portfolio.maxIterations} (default ${PORTFOLIO_DEFAULTS.iterations}).` }),
    shots: t.int({ description: `Samples of the final state, 1–${portfolio.maxShots} (default ${PORTFOLIO_DEFAULTS.shots}).` }),
    seed: t.int({ description: "Seeds the restarts and the shots (default 0)." }),
    mixer: t.field({ type: MixerEnum, description: "Default XY." }),
  }),
});

builder.mutationField("optimizePortfolio", (t) =>
  t.field({
    type: PortfolioRef,
    description:
      "Mean-variance portfolio selection by QAOA (adjoint gradients, seeded restarts, INTERP warm start), answered within the request's work budget " +
      `(${limits.request.maxWork.toExponential(2)} units: about 12 assets at the defaults; BudgetError names the cost otherwise), beside the exact optimum, greedy and random sampling.`,
    authScopes: { user: true },
    args: { input: t.arg({ type: PortfolioInput, required: true }) },
    errors: { directResult: true },
    resolve: (_root, { input }, context) => optimizePortfolio(context.db, context.viewer!.id, input as Parameters<typeof optimizePortfolio>[2], context.budget),
  }),
);
