// Noisy simulation by quantum trajectories (Dalibard, Castin & Mølmer 1992): each trajectory is a
// pure state; after every gate, each channel on each qubit picks one of its Kraus operators K with
// probability ‖Kψ‖² and applies K/‖Kψ‖. The mean over trajectories of any quantity equals its
// value under the channel (the density matrix), with a standard error that shrinks as 1/√T.
// Cost: a statevector per trajectory, so any width the engine takes; seeded, so repeatable.
import type { Circuit } from "../circuit/circuit.ts";
import { CoreError } from "../errors.ts";
import type { Matrix } from "../gates/matrix.ts";
import { apply1 } from "../kernels/uniform.ts";
import { expectation, type PauliSum } from "../observables/pauli.ts";
import { applyStep, drain } from "../program/run.ts";
import { Rng } from "../random.ts";
import { DEFAULT_MAX_QUBITS, StateVector } from "../state.ts";
import { applyReadout, readoutConfusion, type NoiseModel } from "./model.ts";
import { compileNoisy, type NoiseSite } from "./program.ts";

export interface NoisyOptions {
  noise: NoiseModel;
  bindings?: Readonly<Record<string, number>>;
  observables?: readonly PauliSum[];
  seed?: number;
  maxQubits?: number;
}

export interface NoisyResult {
  method: "trajectories" | "densityMatrix";
  /** Trajectories run (0 for the density matrix). */
  trajectories: number;
  /** Basis-state probabilities as read out (readout errors applied), index bit i = qubit i. */
  probabilities: Float64Array;
  /** Each observable's value under the noise (readout errors do not apply), and its standard error (0 when exact). */
  expectations: { value: number; standardError: number }[];
}

export function simulateTrajectories(circuit: Circuit, options: NoisyOptions & { trajectories: number }): NoisyResult {
  return drain(simulateTrajectoriesStepwise(circuit, options));
}

/** simulateTrajectories as a generator that yields after every gate of every trajectory (a server runs it in slices). Same result, bit for bit. */
export function* simulateTrajectoriesStepwise(circuit: Circuit, options: NoisyOptions & { trajectories: number }): Generator<void, NoisyResult> {
  const T = options.trajectories;
  if (!Number.isInteger(T) || T < 1) throw new CoreError("CIRCUIT_INVALID", `trajectories must be a positive integer, got ${T}`);
  const steps = compileNoisy(circuit, options.noise, options.bindings);
  const rng = new Rng(options.seed ?? 0);
  const n = circuit.numQubits, observables = options.observables ?? [];
  const mean = new Float64Array(2 ** n);
  const sums = observables.map(() => ({ sum: 0, squares: 0 }));
  const state = StateVector.zero(n, options.maxQubits ?? DEFAULT_MAX_QUBITS);
  for (let t = 0; t < T; t++) {
    state.re.fill(0);
    state.im.fill(0);
    state.re[0] = 1;
    for (const { step, matrix, noise } of steps) {
      yield;
      applyStep(state.re, state.im, 1, step, matrix);
      for (const site of noise) jump(state, site, rng);
    }
    for (let i = 0; i < mean.length; i++) mean[i]! += (state.re[i]! ** 2 + state.im[i]! ** 2) / T;
    observables.forEach((o, k) => {
      const v = expectation(state.re, state.im, o);
      sums[k]!.sum += v;
      sums[k]!.squares += v * v;
    });
  }
  return {
    method: "trajectories",
    trajectories: T,
    probabilities: applyReadout(mean, readoutConfusion(options.noise, n)),
    expectations: sums.map(({ sum, squares }) => {
      const value = sum / T;
      const variance = T > 1 ? Math.max(0, (squares - T * value * value) / (T - 1)) : 0;
      return { value, standardError: Math.sqrt(variance / T) };
    }),
  };
}

/** One channel on one qubit of one trajectory: pick a Kraus operator by its odds, apply it, renormalise. */
function jump(state: StateVector, site: NoiseSite, rng: Rng): void {
  const odds = site.odds ?? site.operators.map((k) => normAfter(state, site.qubit, k));
  let r = rng.nextFloat() * odds.reduce((a, b) => a + b, 0);
  let pick = odds.length - 1;
  for (let k = 0; k < odds.length; k++) {
    if (r < odds[k]!) { pick = k; break; }
    r -= odds[k]!;
  }
  const scale = 1 / Math.sqrt(odds[pick]!);
  apply1(state.re, state.im, 1, site.qubit, site.operators[pick]!.map((x) => x * scale));
}

/** ‖Kψ‖² for a 2×2 K on qubit q, without changing ψ. */
function normAfter(state: StateVector, q: number, k: Matrix): number {
  const [ar, ai, br, bi, cr, ci, dr, di] = k as unknown as number[];
  const bit = 1 << q, { re, im } = state;
  let total = 0;
  for (let i = 0; i < re.length; i++) {
    if (i & bit) continue;
    const xr = re[i]!, xi = im[i]!, yr = re[i | bit]!, yi = im[i | bit]!;
    const top = [ar! * xr - ai! * xi + br! * yr - bi! * yi, ar! * xi + ai! * xr + br! * yi + bi! * yr];
    const bottom = [cr! * xr - ci! * xi + dr! * yr - di! * yi, cr! * xi + ci! * xr + dr! * yi + di! * yr];
    total += top[0]! ** 2 + top[1]! ** 2 + bottom[0]! ** 2 + bottom[1]! ** 2;
  }
  return total;
}
