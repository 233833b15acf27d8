// Runs scheduled steps split among the installed kernel threads (kernels/simd/threads.ts) when the
// state is big enough and every step has a WebAssembly kernel; otherwise says no, and the caller
// runs them on its own thread. A gate step splits into contiguous parts of its span; a cache-blocked
// group already works block by block, so the threads take ranges of its blocks.
import type { Matrix } from "../gates/matrix.ts";
import { kernelMemory } from "../kernels/simd/memory.ts";
import { planApply1, planDiagonal1, planX, type SimdCall } from "../kernels/simd/plan.ts";
import { kernelThreads, type KernelTask, runBlocks, THREADS_MIN_AMPLITUDES } from "../kernels/simd/threads.ts";
import type { StateVector } from "../state.ts";
import type { GateStep } from "./compile.ts";

/** The WebAssembly call for a gate step on `size` amplitudes of a single state, if it has one. */
export function planStep(step: GateStep, matrix: Matrix | undefined, size: number): SimdCall | undefined {
  const { targets, cmask } = step;
  switch (step.structure) {
    case "x": return planX(1, targets[targets.length - 1]!, cmask);
    case "diagonal": return targets.length === 1 ? planDiagonal1(1, targets[0]!, matrix!, cmask) : undefined;
    case "general": return targets.length === 1 ? planApply1(size, 1, targets[0]!, matrix!, cmask) : undefined;
    default: return undefined;
  }
}

/** One gate step on the whole state, in parts; false when it runs on the caller's thread instead. */
export function runStepInThreads(state: StateVector, step: GateStep, matrix: Matrix | undefined): boolean {
  const threads = kernelThreads();
  if (!threads || state.size < THREADS_MIN_AMPLITUDES) return false;
  const call = planStep(step, matrix, state.size);
  if (!call) return false;
  // Blocks finer than one per thread (≈ 8 each, a power of two in all), so the ranges come out even
  // for any thread count (3 threads over 32 blocks: 10, 11 and 11), unless the span is coarser.
  const blockSize = Math.max(call.span, state.size / (8 * 2 ** Math.ceil(Math.log2(threads.count))));
  return blockSize < state.size && runTask(state, { calls: [call], blockSize });
}

/** A cache-blocked group (steps on the low qubits, matrices in order) with ranges of blocks per thread. */
export function runBlockedInThreads(state: StateVector, steps: readonly GateStep[], matrices: readonly (Matrix | undefined)[], blockQubits: number): boolean {
  const threads = kernelThreads();
  const blockSize = 2 ** blockQubits;
  if (!threads || state.size < THREADS_MIN_AMPLITUDES || blockSize >= state.size) return false;
  const calls: SimdCall[] = [];
  for (let k = 0; k < steps.length; k++) {
    const call = planStep(steps[k]!, matrices[k], blockSize);
    if (!call) return false;
    calls.push(call);
  }
  return runTask(state, { calls, blockSize });
}

function runTask(state: StateVector, task: KernelTask): boolean {
  const threads = kernelThreads(), memory = kernelMemory(state.re, state.im);
  if (!threads || !memory) return false;
  const re = state.re.byteOffset, im = state.im.byteOffset;
  threads.run(memory.memory, re, im, task, state.size / task.blockSize, (from, to) => runBlocks(memory.kernels, re, im, task, from, to));
  return true;
}
