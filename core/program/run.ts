// Runs a compiled program on a statevector (or a block of them): gate steps through the kernels,
// measurements and resets with a seeded generator, classical conditions on measured bits.
import { CoreError } from "../errors.ts";
import type { Matrix } from "../gates/matrix.ts";
import { apply1, applyDense, applyDiagonal, applyDiagonal1, applySwap, applyX } from "../kernels/uniform.ts";
import type { Rng } from "../random.ts";
import { StateVector } from "../state.ts";
import { type GateStep, type Program, type Step, stepMatrix } from "./compile.ts";
import { runBlockedInThreads, runStepInThreads } from "./parallel.ts";
import { DEFAULT_BLOCK_QUBITS, schedule } from "./schedule.ts";

export interface RunOptions {
  /** Needed when the program measures or resets. */
  rng?: Rng;
  /** Shift one gate parameter (parameter-shift gradients): operation index, parameter index, amount. */
  shift?: { opIndex: number; param: number; delta: number };
  /** Largest state to allocate when `state` is not given. */
  maxQubits?: number;
  /** Cache-blocking size (log2 amplitudes per block); see schedule.ts. */
  blockQubits?: number;
}

export interface RunResult {
  state: StateVector;
  /** Measured classical bits (0/1), by clbit index. */
  clbits: Uint8Array;
}

export function runProgram(program: Program, values: Float64Array, state?: StateVector, options: RunOptions = {}): RunResult {
  const run = startRun(program, values, state, options);
  for (const scheduled of run.schedule) run.step(scheduled);
  return run.result;
}

/**
 * runProgram as a generator that yields before every scheduled step (or block of steps), so a
 * caller can share its thread between long runs (see simulateStepwise). Same result, bit for bit.
 */
export function* runProgramStepwise(program: Program, values: Float64Array, state?: StateVector, options: RunOptions = {}): Generator<void, RunResult> {
  const run = startRun(program, values, state, options);
  for (const scheduled of run.schedule) {
    yield;
    run.step(scheduled);
  }
  return run.result;
}

/** A run's state and its one step, shared by the plain loop (hot path) and the generator. */
function startRun(program: Program, values: Float64Array, state: StateVector | undefined, options: RunOptions) {
  const psi = state ?? StateVector.zero(program.numQubits, options.maxQubits);
  const clbits = new Uint8Array(program.numClbits);
  const blockQubits = options.blockQubits ?? DEFAULT_BLOCK_QUBITS;
  const matrixOf = (step: GateStep) => (step.structure === "x" || step.structure === "swap" ? undefined : stepMatrix(step, values, options.shift));
  return {
    schedule: schedule(program, blockQubits),
    result: { state: psi, clbits } as RunResult,
    step(scheduled: ReturnType<typeof schedule>[number]): void {
      if (scheduled.kind === "blocked") {
        const matrices = scheduled.steps.map(matrixOf);
        if (!runBlockedInThreads(psi, scheduled.steps, matrices, blockQubits)) runBlocked(psi, scheduled.steps, matrices, blockQubits);
        return;
      }
      const step: Step = scheduled.step;
      if (step.condition && !conditionHolds(step.condition, clbits)) return;
      if (step.kind === "gate") {
        const matrix = matrixOf(step);
        if (!runStepInThreads(psi, step, matrix)) applyStep(psi.re, psi.im, 1, step, matrix);
        return;
      }
      if (!options.rng) throw new CoreError("CIRCUIT_INVALID", "this circuit measures or resets mid-circuit: give a seed");
      const outcome = collapse(psi, step.qubit, options.rng);
      if (step.kind === "measure") clbits[step.clbit] = outcome;
      else if (outcome === 1) applyX(psi.re, psi.im, 1, step.qubit);
    },
  };
}

/** Runs a stepwise computation to its end in one go. */
export function drain<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Runs low-qubit steps block by block (each block of 2^blockQubits amplitudes stays in cache). */
function runBlocked(state: StateVector, steps: readonly GateStep[], matrices: readonly (Matrix | undefined)[], blockQubits: number): void {
  const size = 2 ** blockQubits;
  for (let base = 0; base < state.size; base += size) {
    const re = state.re.subarray(base, base + size), im = state.im.subarray(base, base + size);
    for (let k = 0; k < steps.length; k++) applyStep(re, im, 1, steps[k]!, matrices[k]);
  }
}

/** Applies a gate step's matrix (or its structural kernel) to a block of states. */
export function applyStep(re: Float64Array, im: Float64Array, block: number, step: GateStep, matrix: Matrix | undefined): void {
  const { targets, cmask } = step;
  switch (step.structure) {
    case "x": return applyX(re, im, block, targets[targets.length - 1]!, cmask);
    case "swap": return applySwap(re, im, block, targets[0]!, targets[1]!, cmask);
    case "diagonal":
      if (targets.length === 1) return applyDiagonal1(re, im, block, targets[0]!, matrix!, cmask);
      return applyDiagonal(re, im, block, targets, diagonalOf(matrix!), cmask);
    case "general":
      if (targets.length === 1) return apply1(re, im, block, targets[0]!, matrix!, cmask);
      return applyDense(re, im, block, targets, matrix!, cmask);
  }
}

export function diagonalOf(matrix: Matrix): Float64Array {
  const d = Math.round(Math.sqrt(matrix.length / 2));
  const out = new Float64Array(2 * d);
  for (let i = 0; i < d; i++) {
    out[2 * i] = matrix[2 * (i * d + i)]!;
    out[2 * i + 1] = matrix[2 * (i * d + i) + 1]!;
  }
  return out;
}

export function conditionHolds(condition: { clbits: readonly number[]; value: number }, clbits: Uint8Array): boolean {
  let value = 0;
  condition.clbits.forEach((c, k) => { value += clbits[c]! * 2 ** k; });
  return value === condition.value;
}

/** Measures one qubit: picks the outcome with the Born probability, projects and renormalises. */
export function collapse(state: StateVector, qubit: number, rng: Rng): 0 | 1 {
  const { re, im } = state;
  const bit = 1 << qubit;
  let p1 = 0;
  for (let i = 0; i < re.length; i++) if (i & bit) p1 += re[i]! * re[i]! + im[i]! * im[i]!;
  const outcome: 0 | 1 = rng.nextFloat() < p1 ? 1 : 0;
  const keep = outcome === 1 ? p1 : 1 - p1;
  const scale = keep > 0 ? 1 / Math.sqrt(keep) : 0;
  for (let i = 0; i < re.length; i++) {
    if (((i & bit) !== 0) === (outcome === 1)) {
      re[i]! *= scale;
      im[i]! *= scale;
    } else {
      re[i] = 0;
      im[i] = 0;
    }
  }
  return outcome;
}
