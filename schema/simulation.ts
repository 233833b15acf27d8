// `simulate`: run a circuit (OpenQASM in the request, or a saved one) and read probabilities,
// seeded shot counts, Pauli expectation values and, for small circuits, the statevector.
import { z } from "zod";
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
    value: t.exposeFloat("value", { description: "⟨ψ|O|ψ⟩ of the final state (exact, not sampled)." }),
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
