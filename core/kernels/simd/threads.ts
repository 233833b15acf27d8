// Kernel threads: a big state's kernel calls split into contiguous parts that run at once. core/
// does no I/O, so the threads come from outside: whoever may use the machine's cores installs a
// pool (services/engine-threads.ts makes one from worker_threads) and the program runner hands it
// tasks. Without one, or for small states, everything runs on the caller's thread, as before.
// Every part runs the same kernels on its own amplitudes, so the result has the same bits.
import type { SimdKernels } from "./memory.ts";
import { invoke, type KernelName, type SimdCall } from "./plan.ts";

/** Kernel calls to run, in order, on each block of `blockSize` amplitudes. */
export interface KernelTask {
  readonly calls: readonly SimdCall[];
  readonly blockSize: number;
}

export interface KernelThreads {
  /** Threads that run parts, the caller's included. */
  readonly count: number;
  /**
   * Runs the task on blocks [0, blocks) of the state whose re and im start at byte addresses re
   * and im of `memory`: the pool's threads take ranges of blocks, the caller's thread runs
   * `runOwn(from, to)` for the first range; returns when every range is done.
   */
  run(memory: WebAssembly.Memory, re: number, im: number, task: KernelTask, blocks: number, runOwn: (from: number, to: number) => void): void;
}

/** The kernels' names in a fixed order: a task travels to the threads as numbers. */
export const KERNEL_NAMES: readonly KernelName[] = [
  "apply1", "apply1Real", "apply1Adjacent", "diagonal1", "diagonal1Adjacent", "phaseControlled",
  "swapHalves", "swapAdjacent", "swapControlled", "swapControlledByLowest", "swapAdjacentControlled",
];

/**
 * States from 2^17 amplitudes (2 MiB) on split among threads: measured on two cores, 2^16 ran
 * slower split (a kernel pass there lasts about as long as waking a thread), 2^17 1.05–1.3× faster,
 * 2^18 0.95–1.5×, 2^20 and 2^24 1.3–1.8× (bench:core, "ours, 2 threads").
 */
export const THREADS_MIN_AMPLITUDES = 2 ** 17;

let installed: KernelThreads | undefined;

/** Installs (or, with undefined, removes) the threads the engine may use. */
export function useKernelThreads(threads: KernelThreads | undefined): void {
  installed = threads && threads.count > 1 ? threads : undefined;
}

export function kernelThreads(): KernelThreads | undefined {
  return installed;
}

/** Runs the task's calls on blocks [from, to) of the state at byte addresses re and im: what every thread does. */
export function runBlocks(kernels: SimdKernels, re: number, im: number, task: KernelTask, from: number, to: number): void {
  const bytes = 8 * task.blockSize;
  for (let b = from; b < to; b++) {
    for (const call of task.calls) invoke(kernels, call, re + b * bytes, im + b * bytes, task.blockSize);
  }
}
