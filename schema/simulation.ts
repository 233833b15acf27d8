// `simulate`: run a circuit (OpenQASM in the request, or a saved one) and read probabilities,
// seeded shot counts, Pauli expectation values and, for small circuits, the statevector.
import * as z from "zod";
import {
  amplitudes,
  CircuitError,
  NotFoundError,
  outcomeCounts,
  probabilityEntries,
  runSimulation,
  simulateSchema,
  type Amplitude,
  type BasisProbability,
  type ExpectationValue,
  type OutcomeCount,
  type Simulation,
} from "../services/index.ts";
import { limits } from "../config/index.ts";
import { builder } from "./builder.ts";
import { localId } from "./global-ids.ts";

const { simulation } = limits;

const BasisProbabilityRef = builder.objectRef<BasisProbability>("BasisProbability").implement({
  fields: (t) => ({
    bitstring: t.exposeString("bitstring", { description: "The outcome, most significant (highest) qubit first, as Qiskit prints it." }),
    index: t.exposeInt("index", { description: "The basis-state index: bit k is the k-th selected qubit (little-endian, Qiskit's order)." }),
    probability: t.exposeFloat("probability"),
  }),
});

const CountRef = builder.objectRef<OutcomeCount>("Count").implement({
  fields: (t) => ({
    bitstring: t.exposeString("bitstring", {
      description: "Classical register values, last register first and separated by spaces (Qiskit's format); all qubits when nothing is measured.",
    }),
    count: t.exposeInt("count"),
  }),
});

const ExpectationRef = builder.objectRef<ExpectationValue>("Expectation").implement({
  fields: (t) => ({
    observable: t.exposeString("observable", { description: "The observable, normalised (e.g. \"0.5*Z0 Z1 + X2\")." }),
    value: t.exposeFloat("value", { description: "⟨ψ|O|ψ⟩ of the final state (exact, not sampled); under noise Tr(ρO), readout errors not applied." }),
    standardError: t.exposeFloat("standardError", { description: "Under noise by trajectories: the standard error of the mean (the exact value lies within ±3 of them with 99.7 % confidence); 0 when exact." }),
  }),
});

const AmplitudeRef = builder.objectRef<Amplitude>("Amplitude").implement({
  fields: (t) => ({
    bitstring: t.exposeString("bitstring"),
    index: t.exposeInt("index"),
    re: t.exposeFloat("re"),
    im: t.exposeFloat("im"),
  }),
});

const NoiseMethodEnum = builder.enumType("NoiseMethod", {
  values: {
    AUTO: { description: "Default: the density matrix when it is the cheaper of the two (never past 10 qubits), else trajectories." },
    TRAJECTORIES: { description: "Seeded quantum trajectories: any width; every mean has a standard error." },
    DENSITY_MATRIX: { description: "Exact (ρ evolved gate by gate, channels as Kraus sums); at most 10 qubits." },
  } as const,
});

const NoiseReportRef = builder.objectRef<NonNullable<Simulation["noise"]>>("NoiseReport").implement({
  fields: (t) => ({
    method: t.field({ type: NoiseMethodEnum, resolve: (n) => n.method }),
    trajectories: t.exposeInt("trajectories", { description: "Trajectories averaged (0 for the density matrix)." }),
  }),
});

const SimulationRef = builder.objectRef<Simulation>("Simulation").implement({
  description:
    "The result of one simulation. Qubit order is little-endian (Qiskit's): basis index bit k is qubit k. " +
    "Circuits that measure or reset mid-circuit report the average over their seeded trajectories.",
  fields: (t) => ({
    numQubits: t.int({ resolve: (s) => s.circuit.numQubits }),
    numClbits: t.int({ resolve: (s) => s.circuit.numClbits }),
    shots: t.exposeInt("shots"),
    seed: t.exposeInt("seed", { description: "The seed used: the same seed and input give the same counts, on every machine." }),
    probabilities: t.field({
      type: [BasisProbabilityRef],
      description:
        "Outcome probabilities above `threshold`, by index, at most `limit` of them. With `qubits`, the marginal " +
        "distribution of those qubits (bit k of the index is qubits[k]).",
      args: {
        qubits: t.arg.intList({ description: "Qubits to keep (the marginal); all when omitted." }),
        threshold: t.arg.float({
          required: true,
          defaultValue: 1e-12,
          validate: z.number().min(0, { error: "must be between 0 and 1" }).max(1, { error: "must be between 0 and 1" }),
        }),
        limit: t.arg.int({
          required: true,
          defaultValue: simulation.defaultProbabilityEntries,
          validate: z
            .number()
            .int()
            .min(1, { error: `must be between 1 and ${simulation.maxProbabilityEntries}` })
            .max(simulation.maxProbabilityEntries, { error: `must be between 1 and ${simulation.maxProbabilityEntries}` }),
        }),
      },
      resolve: (s, args) => probabilityEntries(s, args, ["probabilities", "qubits"]),
    }),
    counts: t.field({
      type: [CountRef],
      description: "Sampled outcomes with their counts (empty when shots is 0), sorted by outcome.",
      resolve: (s) => outcomeCounts(s),
    }),
    expectations: t.field({ type: [ExpectationRef], description: "One per requested observable, in order.", resolve: (s) => s.expectations }),
    noise: t.field({ type: NoiseReportRef, nullable: true, description: "How a noisy run was simulated; null without noise.", resolve: (s) => s.noise }),
    statevector: t.field({
      type: [AmplitudeRef],
      description: `The final amplitudes, all 2^n of them; only for circuits of at most ${simulation.statevectorMaxQubits} qubits.`,
      resolve: (s) => amplitudes(s, ["statevector"]),
    }),
  }),
});

const BindingInput = builder.inputType("ParameterBinding", {
  fields: (t) => ({
    name: t.string({ required: true, description: "A symbolic parameter of the circuit (e.g. an OpenQASM 3 `input float theta`)." }),
    value: t.float({ required: true }),
  }),
});

const ChannelRuleInput = builder.inputType("NoiseChannelRule", {
  description: "A channel after every matching gate, on each qubit that gate touches (targets and controls).",
  fields: (t) => ({
    probability: t.float({ required: true, description: "0–1: the depolarizing probability p, the damping γ, or the dephasing λ." }),
    gates: t.stringList({ description: "Only after these gates (standard-library names, e.g. cx); all gates when omitted." }),
    qubits: t.intList({ description: "Only on these qubits; all when omitted." }),
  }),
});

const ReadoutRuleInput = builder.inputType("ReadoutErrorRule", {
  fields: (t) => ({
    p01: t.float({ required: true, description: "P(read 1 | the qubit is 0), 0–1." }),
    p10: t.float({ required: true, description: "P(read 0 | the qubit is 1), 0–1." }),
    qubits: t.intList({ description: "Only these qubits; all when omitted." }),
  }),
});

export const NoiseInput = builder.inputType("NoiseInput", {
  description:
    `A noise model (at most ${simulation.maxNoiseRules} rules of each kind; rules compose in order). Channels: depolarizing ρ → (1 − p)ρ + p·I/2; ` +
    "amplitude damping (T1, |1⟩ decays with probability γ); phase damping (T2, coherences × √(1 − λ)); readout flips measured bits. " +
    "The circuit must measure at the end only. No statevector under noise.",
  fields: (t) => ({
    depolarizing: t.field({ type: [ChannelRuleInput] }),
    amplitudeDamping: t.field({ type: [ChannelRuleInput] }),
    phaseDamping: t.field({ type: [ChannelRuleInput] }),
    readout: t.field({ type: [ReadoutRuleInput], description: "Applied to probabilities and counts, not to expectation values." }),
    method: t.field({ type: NoiseMethodEnum, description: "Default AUTO." }),
    trajectories: t.int({ description: `Trajectories to average, 1–${simulation.maxTrajectories} (default 1000).` }),
  }),
});

const SimulateInput = builder.inputType("SimulateInput", {
  description: "What to run and what to read. Give exactly one of qasm and circuitId.",
  validate: simulateSchema,
  fields: (t) => ({
    qasm: t.string({ description: `An OpenQASM 2.0 or 3.0 program (at most ${limits.circuit.maxSourceBytes} bytes).` }),
    circuitId: t.id({ description: "A saved circuit's global ID (from importCircuit)." }),
    shots: t.int({ description: `Measurement samples, 0–${simulation.maxShots} (default 0: exact probabilities only).` }),
    seed: t.int({ description: `Seed for sampling and mid-circuit measurements, 0–${limits.maxSeed} (default 0).` }),
    observables: t.stringList({
      description: `Pauli sums like "0.5*Z0 Z1 + X2" (at most ${simulation.maxObservables}, each at most ${simulation.maxObservableLength} characters).`,
    }),
    bindings: t.field({ type: [BindingInput], description: "A value for every symbolic parameter of the circuit." }),
    noise: t.field({ type: NoiseInput, description: "Simulate under noise (density matrix or trajectories; see NoiseInput)." }),
  }),
});

builder.queryField("simulate", (t) =>
  t.field({
    type: SimulationRef,
    description:
      `Simulates a circuit exactly (statevector) within the limits: ${simulation.maxQubits} qubits, ${simulation.maxShots} shots, ` +
      `and ${simulation.maxWork.toExponential(2)} amplitude updates (kernel steps × 2^qubits × trajectories); every field of a request ` +
      `shares one work budget of ${limits.request.maxWork.toExponential(2)} units, so aliases cannot multiply it (BudgetError past it).`,
    authScopes: { user: true },
    args: { input: t.arg({ type: SimulateInput, required: true }) },
    errors: { types: [CircuitError, NotFoundError], directResult: true },
    resolve: (_root, { input }, context) =>
      runSimulation(context.db, context.viewer!.id, {
        ...input,
        circuitId: input.circuitId == null ? null : localId(String(input.circuitId), "Circuit"),
      }, context.budget),
  }),
);
