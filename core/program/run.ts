// Runs a compiled program on a statevector (or a block of them): gate steps through the kernels,
// measurements and resets with a seeded generator, classical conditions on measured bits.
import { CoreError } from "../errors.ts";
import { adjoint, type Matrix } from "../gates/matrix.ts";
import { apply1, applyDense, applyDiagonal, applyDiagonal1, applySwap, applyX } from "../kernels/uniform.ts";
import type { Rng } from "../random.ts";
import { StateVector } from "../state.ts";
import { type GateStep, type Program, stepMatrix } from "./compile.ts";

export interface RunOptions {
  /** Needed when the program measures or resets. */
  rng?: Rng;
  /** Shift one gate parameter (parameter-shift gradients): operation index, parameter index, amount. */
  shift?: { opIndex: number; param: number; delta: number };
  /** Largest state to allocate when `state` is not given. */
  maxQubits?: number;
}

export interface RunResult {
  state: StateVector;
  /** Measured classical bits (0/1), by clbit index. */
  clbits: Uint8Array;
}

export function runProgram(program: Program, values: Float64Array, state?: StateVector, options: RunOptions = {}): RunResult {
  const psi = state ?? StateVector.zero(program.numQubits, options.maxQubits);
  const clbits = new Uint8Array(program.numClbits);
  for (const step of program.steps) {
    if (step.condition && !conditionHolds(step.condition, clbits)) continue;
    if (step.kind === "gate") {
      applyStep(psi.re, psi.im, 1, step, step.structure === "x" || step.structure === "swap" ? undefined : stepMatrix(step, values, options.shift));
      continue;
    }
    if (!options.rng) throw new CoreError("CIRCUIT_INVALID", "this circuit measures or resets mid-circuit: give a seed");
    const outcome = collapse(psi, step.qubit, options.rng);
    if (step.kind === "measure") clbits[step.clbit] = outcome;
    else if (outcome === 1) applyX(psi.re, psi.im, 1, step.qubit);
  }
  return { state: psi, clbits };
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

/** Applies the inverse of a gate step (for the adjoint method's backward pass). */
export function applyStepInverse(re: Float64Array, im: Float64Array, block: number, step: GateStep, matrix: Matrix | undefined): void {
  if (step.structure === "x" || step.structure === "swap") return applyStep(re, im, block, step, undefined);
  applyStep(re, im, block, step, adjoint(matrix!));
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
