// Noisy simulation: a noise model on a circuit, run by the density matrix (exact, ≤ 10 qubits) or
// by seeded quantum trajectories (any width, a standard error on every mean), chosen by cost.
import type { Circuit } from "../circuit/circuit.ts";
import { CoreError } from "../errors.ts";
import type { PauliSum } from "../observables/pauli.ts";
import { Rng } from "../random.ts";
import { drain } from "../program/run.ts";
import { sampledResult, type SimulationResult } from "../simulate.ts";
import { DENSITY_MAX_QUBITS, simulateDensityStepwise } from "./density.ts";
import type { NoiseModel } from "./model.ts";
import { compileNoisy } from "./program.ts";
import { simulateTrajectoriesStepwise, type NoisyResult } from "./trajectories.ts";

export type NoiseMethod = "auto" | "trajectories" | "densityMatrix";

export interface NoisySimulateOptions {
  noise: NoiseModel;
  /** "auto" (default): the density matrix when it is the cheaper (and at most 10 qubits), else trajectories. */
  method?: NoiseMethod;
  /** Trajectories to average (default 1,000). */
  trajectories?: number;
  shots?: number;
  seed?: number;
  bindings?: Readonly<Record<string, number>>;
  observables?: readonly PauliSum[];
  maxQubits?: number;
}

export const DEFAULT_TRAJECTORIES = 1_000;

/** A noise model and how to simulate it: what models run under when they predict or train under noise. */
export type NoisyRun = Pick<NoisySimulateOptions, "noise" | "method" | "trajectories">;

/**
 * How a run will go: the method asked for, or under "auto" the cheaper of the two, and its work in
 * amplitude updates. Refuses the density matrix past 10 qubits when it is asked for by name.
 */
export function planNoisyRun(circuit: Circuit, run: NoisyRun): { method: "trajectories" | "densityMatrix"; trajectories: number; work: number } {
  checkDensityWidth(circuit, run.method);
  const trajectories = run.trajectories ?? DEFAULT_TRAJECTORIES;
  const work = noisyWork(circuit, run.noise, trajectories);
  const method = !run.method || run.method === "auto" ? (work.densityMatrix <= work.trajectories ? "densityMatrix" : "trajectories") : run.method;
  return { method, trajectories, work: work[method] };
}

/** A run's work as planNoisyRun prices it, Infinity (rather than a refusal) for a density matrix it cannot run. */
export function noisyRunWork(circuit: Circuit, run: NoisyRun): number {
  return run.method === "densityMatrix" && circuit.numQubits > DENSITY_MAX_QUBITS ? Infinity : planNoisyRun(circuit, run).work;
}

/** The outcome as simulate() gives it (probabilities and counts as read out; no statevector), and the noisy means. */
export function simulateNoisy(circuit: Circuit, options: NoisySimulateOptions): { result: SimulationResult; noisy: NoisyResult } {
  return drain(simulateNoisyStepwise(circuit, options));
}

/** simulateNoisy as a generator that yields between gates (a server runs it in slices). Same result, bit for bit. */
export function* simulateNoisyStepwise(circuit: Circuit, options: NoisySimulateOptions): Generator<void, { result: SimulationResult; noisy: NoisyResult }> {
  // A method named is run as it is (no pricing needed); "auto" is priced to choose.
  checkDensityWidth(circuit, options.method);
  const method = options.method && options.method !== "auto" ? options.method : planNoisyRun(circuit, options).method;
  const run = { noise: options.noise, bindings: options.bindings, observables: options.observables, seed: options.seed, maxQubits: options.maxQubits };
  const noisy = method === "densityMatrix" ? yield* simulateDensityStepwise(circuit, run) : yield* simulateTrajectoriesStepwise(circuit, { ...run, trajectories: options.trajectories ?? DEFAULT_TRAJECTORIES });
  // The shots draw from their own stream (seed + 1), so they do not depend on how many trajectories ran.
  return { result: sampledResult(circuit, null, noisy.probabilities, options.shots ?? 0, new Rng((options.seed ?? 0) + 1)), noisy };
}

/** Amplitude updates each method would make (see simulateNoisy): what "auto" compares and what budgets charge. */
export function noisyWork(circuit: Circuit, noise: NoiseModel, trajectories: number): { densityMatrix: number; trajectories: number } {
  const steps = compileNoisy(circuit, noise, Object.fromEntries(circuit.parameters.map((name) => [name, 0]))); // the cost does not depend on the values
  const sites = steps.reduce((sum, s) => sum + s.noise.reduce((k, site) => k + site.operators.length, 0), 0);
  const n = circuit.numQubits;
  return {
    densityMatrix: n > DENSITY_MAX_QUBITS ? Infinity : (2 * steps.length + 3 * sites) * 4 ** n,
    trajectories: trajectories * (steps.length + 2 * sites) * 2 ** n,
  };
}

function checkDensityWidth(circuit: Circuit, method: NoiseMethod | undefined): void {
  if (method === "densityMatrix" && circuit.numQubits > DENSITY_MAX_QUBITS) {
    throw new CoreError("LIMIT_EXCEEDED", `the density matrix takes at most ${DENSITY_MAX_QUBITS} qubits; this circuit has ${circuit.numQubits} (use trajectories)`);
  }
}

export { krausOperators, noiseAfter, readoutConfusion, applyReadout, isNoiseless, type NoiseModel, type NoiseChannel, type GateNoise, type ReadoutError } from "./model.ts";
export { simulateDensity, simulateDensityStepwise, DENSITY_MAX_QUBITS } from "./density.ts";
export { simulateTrajectories, simulateTrajectoriesStepwise, type NoisyResult, type NoisyOptions } from "./trajectories.ts";
