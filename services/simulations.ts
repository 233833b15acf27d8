// One synchronous simulation request: the circuit (sent as OpenQASM or saved), its bindings, shots,
// seed and observables, checked against the API's limits *before* any state is allocated.
import {
  bitstring,
  compileForSimulation,
  CoreError,
  planNoisyRun,
  PauliSum,
  simulateNoisyStepwise,
  simulateStepwise,
  type Circuit,
  type Program,
  type SimulationResult,
} from "../core/index.ts";
import { limits } from "../config/index.ts";
import type { RequestBudget } from "./budget.ts";
import type { Db } from "./db.ts";
import { circuitOf, findCircuit, readQasm } from "./circuits.ts";
import { CircuitError, InvalidInputError } from "./errors.ts";
import { runInSlices } from "./slices.ts";
import type { NoiseInput, SimulateInput } from "./circuit-input.ts";
import { noisyRun } from "./noise-input.ts";

export interface ExpectationValue {
  /** The observable as normalised by the engine, e.g. "0.5*Z0 Z1 + X2". */
  observable: string;
  value: number;
  /** Under noise by trajectories: the mean's standard error; 0 when exact. */
  standardError: number;
}

export interface Simulation {
  circuit: Circuit;
  result: SimulationResult;
  shots: number;
  seed: number;
  expectations: ExpectationValue[];
  /** Set when the run was noisy: how it was simulated. */
  noise: { method: "TRAJECTORIES" | "DENSITY_MATRIX"; trajectories: number } | null;
}

export async function runSimulation(db: Db, userId: string, input: SimulateInput, budget: RequestBudget): Promise<Simulation> {
  const circuit =
    input.qasm != null ? readQasm(input.qasm, ["input", "qasm"], budget).circuit : circuitOf(await findCircuit(db, userId, input.circuitId!), budget);
  const shots = input.shots ?? 0;
  const seed = input.seed ?? 0;
  const observables = parseObservables(input.observables ?? [], circuit.numQubits);
  const bindings = checkBindings(circuit, input.bindings ?? []);

  const { maxQubits, maxWork } = limits.simulation;
  if (circuit.numQubits > maxQubits) {
    throw new CircuitError("LIMIT_EXCEEDED", `the circuit has ${circuit.numQubits} qubits; simulations take at most ${maxQubits}`, ["input"]);
  }
  if (input.noise) return await runNoisy(circuit, input.noise, { shots, seed, observables, bindings }, budget);
  const program = compile(circuit);
  const work = simulationWork(circuit, program, shots);
  if (work > maxWork) {
    throw new CircuitError(
      "LIMIT_EXCEEDED",
      `the simulation needs about ${work.toExponential(2)} amplitude updates (${program.steps.length} kernel steps on 2^${circuit.numQubits} amplitudes` +
        `${circuit.hasMidCircuitMeasurement() ? `, one trajectory per shot` : ""}); the limit is ${maxWork.toExponential(2)}: use fewer qubits, gates or shots`,
      ["input"],
    );
  }
  budget.charge(work, `simulating ${circuit.numQubits} qubits (${program.steps.length} kernel steps)`, ["input"]);

  // In slices: a long simulation does not hold this process's other requests (see slices.ts).
  const result = await runEngineInSlices(simulateStepwise(circuit, { program, bindings, shots, seed, maxQubits, maxShots: limits.simulation.maxShots }));
  const expectations = observables.map((o) => ({ observable: o.toString(), value: result.expectation(o), standardError: 0 }));
  return { circuit, result, shots, seed, expectations, noise: null };
}

/**
 * A noisy run: the model checked against the circuit (gate names it has, qubits it has), the
 * method chosen by cost ("AUTO") or as asked, its work checked and charged like any simulation's.
 */
async function runNoisy(
  circuit: Circuit,
  input: NoiseInput,
  run: { shots: number; seed: number; observables: PauliSum[]; bindings: Record<string, number> },
  budget: RequestBudget,
): Promise<Simulation> {
  const asked = noisyRun(input, circuit.numQubits, ["input", "noise"]);
  const { method, trajectories, work } = runEngine(() => planNoisyRun(circuit, asked));
  const { maxWork } = limits.simulation;
  if (work > maxWork) {
    const how = method === "densityMatrix" ? `the density matrix of ${circuit.numQubits} qubits` : `${trajectories} trajectories of ${circuit.numQubits} qubits`;
    throw new CircuitError("LIMIT_EXCEEDED", `the noisy simulation needs about ${work.toExponential(2)} amplitude updates (${how}); the limit is ${maxWork.toExponential(2)}: use fewer trajectories, qubits or gates`, ["input", "noise"]);
  }
  budget.charge(work, `simulating ${circuit.numQubits} qubits under noise (${method === "densityMatrix" ? "density matrix" : `${trajectories} trajectories`})`, ["input"]);
  // In slices, as any long simulation: other requests in this process are answered in between.
  const { result, noisy } = await runEngineInSlices(simulateNoisyStepwise(circuit, { noise: asked.noise, method, trajectories, ...run }));
  return {
    circuit,
    result,
    shots: run.shots,
    seed: run.seed,
    expectations: run.observables.map((o, k) => ({ observable: o.toString(), ...noisy.expectations[k]! })),
    noise: { method: method === "densityMatrix" ? "DENSITY_MATRIX" : "TRAJECTORIES", trajectories: noisy.trajectories },
  };
}


/**
 * Amplitude updates the run will make: kernel steps × 2^n, once per trajectory. Circuits that
 * measure mid-circuit run one trajectory per shot; the rest run once and are sampled.
 */
export function simulationWork(circuit: Circuit, program: Program, shots: number): number {
  const trajectories = circuit.hasMidCircuitMeasurement() ? Math.max(shots, 1) : 1;
  return Math.max(program.steps.length, 1) * 2 ** circuit.numQubits * trajectories;
}

function parseObservables(texts: string[], numQubits: number): PauliSum[] {
  const issues: { path: string[]; message: string }[] = [];
  const parsed = texts.map((text, i) => {
    const path = ["input", "observables", String(i)];
    try {
      const observable = PauliSum.parse(text);
      if (observable.numQubits > numQubits) {
        issues.push({ path, message: `acts on qubit ${observable.numQubits - 1}, but the circuit has ${numQubits} qubit(s) (0–${numQubits - 1})` });
      }
      return observable;
    } catch (error) {
      if (!(error instanceof CoreError)) throw error;
      issues.push({ path, message: `${error.message.replace(/^[A-Z_]+: /, "")} (write Pauli sums like "0.5*Z0 Z1 + X2")` });
      return PauliSum.parse("0");
    }
  });
  if (issues.length) throw new InvalidInputError(issues);
  return parsed;
}

function checkBindings(circuit: Circuit, bindings: { name: string; value: number }[]): Record<string, number> {
  const wanted = new Set(circuit.parameters);
  const issues: { path: string[]; message: string }[] = [];
  bindings.forEach((b, i) => {
    if (!wanted.has(b.name)) {
      const known = circuit.parameters.length ? `its parameters are ${circuit.parameters.join(", ")}` : "it has no parameters";
      issues.push({ path: ["input", "bindings", String(i), "name"], message: `the circuit has no parameter "${b.name}" (${known})` });
    }
  });
  const given = new Set(bindings.map((b) => b.name));
  const missing = circuit.parameters.filter((p) => !given.has(p));
  if (missing.length) issues.push({ path: ["input", "bindings"], message: `missing values for ${missing.join(", ")}` });
  if (issues.length) throw new InvalidInputError(issues);
  return Object.fromEntries(bindings.map((b) => [b.name, b.value]));
}

function compile(circuit: Circuit): Program {
  return runEngine(() => compileForSimulation(circuit));
}

/** Engine errors past validation (e.g. a custom gate that is not unitary) are the circuit's fault. */
function runEngine<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw engineError(error);
  }
}

async function runEngineInSlices<T>(steps: Generator<void, T>): Promise<T> {
  try {
    return await runInSlices(steps);
  } catch (error) {
    throw engineError(error);
  }
}

function engineError(error: unknown): unknown {
  return error instanceof CoreError ? CircuitError.fromCore(error, ["input"]) : error;
}

export interface BasisProbability { bitstring: string; index: number; probability: number }
export interface Amplitude { bitstring: string; index: number; re: number; im: number }
export interface OutcomeCount { bitstring: string; count: number }

/**
 * Outcome probabilities above `threshold`, by index, at most `limit` of them; with `qubits`, the
 * marginal of those qubits (index bit k = qubits[k]). `path` names the argument in errors.
 */
export function probabilityEntries(
  simulation: Simulation,
  options: { qubits?: readonly number[] | null; threshold: number; limit: number },
  path: string[],
): BasisProbability[] {
  const n = simulation.circuit.numQubits;
  const qubits = options.qubits ?? null;
  if (qubits && (new Set(qubits).size !== qubits.length || qubits.some((q) => q < 0 || q >= n))) {
    throw new InvalidInputError([{ path, message: `must be distinct qubits in 0–${n - 1}` }]);
  }
  const probs = qubits ? simulation.result.marginal(qubits) : simulation.result.probabilities();
  const bits = qubits ? qubits.length : n;
  const out: BasisProbability[] = [];
  for (let i = 0; i < probs.length && out.length < options.limit; i++) {
    if (probs[i]! > options.threshold) out.push({ bitstring: bitstring(i, bits), index: i, probability: probs[i]! });
  }
  return out;
}

/** Sampled outcomes sorted by bitstring (empty without shots). */
export function outcomeCounts(simulation: Simulation): OutcomeCount[] {
  if (simulation.shots === 0) return [];
  return Object.entries(simulation.result.counts()) // re-sorted: objects list integer-like keys ("11") before others ("00")
    .map(([bits, count]) => ({ bitstring: bits, count }))
    .sort((a, b) => (a.bitstring < b.bitstring ? -1 : 1));
}

/** All 2^n final amplitudes, for circuits within the statevector limit. */
export function amplitudes(simulation: Simulation, path: string[]): Amplitude[] {
  const n = simulation.circuit.numQubits;
  const max = limits.simulation.statevectorMaxQubits;
  if (n > max) {
    throw new InvalidInputError([{ path, message: `is returned for at most ${max} qubits; this circuit has ${n} (ask for probabilities instead)` }]);
  }
  if (simulation.noise) throw new InvalidInputError([{ path, message: "a noisy simulation has no single final state: read probabilities, counts or expectations" }]);
  const { re, im } = simulation.result.statevector();
  return Array.from(re, (value, index) => ({ bitstring: bitstring(index, n), index, re: value, im: im[index]! }));
}
