// Where the SIMD kernels run: a statevector's real and imaginary arrays live in a WebAssembly
// memory of their own (re at byte 0, im right after), with an instance of the kernels bound to it.
// The memory never grows, so the arrays stay valid; the garbage collector frees both with the
// state. Kernels look the instance up by the arrays' buffer: arrays anywhere else (small states,
// arrays a caller made) run the JavaScript kernels, which give the same bits.
import { KERNELS_WASM } from "./kernels.wasm.ts";

/** The exports of assembly/kernels.ts: addresses in bytes, sizes and strides in amplitudes. */
export interface SimdKernels {
  apply1(re: number, im: number, size: number, stride: number, m00r: number, m00i: number, m01r: number, m01i: number, m10r: number, m10i: number, m11r: number, m11i: number): void;
  apply1Real(re: number, im: number, size: number, stride: number, m00: number, m01: number, m10: number, m11: number): void;
  apply1Adjacent(re: number, im: number, size: number, m00r: number, m00i: number, m01r: number, m01i: number, m10r: number, m10i: number, m11r: number, m11i: number): void;
  diagonal1(re: number, im: number, size: number, stride: number, d0r: number, d0i: number, d1r: number, d1i: number, skipZero: boolean): void;
  diagonal1Adjacent(re: number, im: number, size: number, d0r: number, d0i: number, d1r: number, d1i: number, skipZero: boolean): void;
  phaseControlled(re: number, im: number, size: number, control: number, offset: number, dr: number, di: number): void;
  swapHalves(re: number, im: number, size: number, stride: number): void;
  swapAdjacent(re: number, im: number, size: number): void;
  swapControlled(re: number, im: number, size: number, control: number, offset: number): void;
  swapControlledByLowest(re: number, im: number, size: number, offset: number): void;
  swapAdjacentControlled(re: number, im: number, size: number, control: number): void;
  apply1Each(re: number, im: number, size: number, block: number, stride: number, mats: number): void;
}

/**
 * States below 2^10 amplitudes keep plain arrays: a memory and an instance cost ≈ 50 µs to make,
 * more than such a state's whole run, and a page (64 KiB) is more than it needs.
 */
export const SIMD_MIN_AMPLITUDES = 2 ** 10;
/** A 32-bit memory holds at most 4 GiB: 2^27 amplitudes (re and im) with room to spare. */
const SIMD_MAX_AMPLITUDES = 2 ** 27;
const PAGE_BYTES = 65_536;

/** A state's kernel memory (shared, so worker threads can bind the kernels to it too) and its instance's kernels. */
export interface KernelMemory {
  readonly memory: WebAssembly.Memory;
  readonly kernels: SimdKernels;
}

let compiled: WebAssembly.Module | null | undefined;
const memoriesByBuffer = new WeakMap<ArrayBufferLike, KernelMemory>();

/** The compiled kernels, compiled on first use (≈ 1 ms, synchronously); null where WebAssembly SIMD is unavailable. */
export function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Uint8Array.from(atob(KERNELS_WASM), (c) => c.charCodeAt(0)));
    } catch {
      compiled = null; // no WebAssembly, SIMD or shared memory (an old engine, --jitless): the JavaScript kernels run
    }
  }
  return compiled;
}

/** Zeroed arrays: re and im of `size` amplitudes, and `scratch` numbers more for a kernel's own use (matrices). */
export interface Amplitudes {
  re: Float64Array;
  im: Float64Array;
  scratch: Float64Array;
}

/** Zeroed arrays for a state of `size` amplitudes: in a kernel memory when the size pays for one. */
export function allocateAmplitudes(size: number, scratch = 0): Amplitudes {
  if (size >= SIMD_MIN_AMPLITUDES && size <= SIMD_MAX_AMPLITUDES) {
    const arrays = allocateSimdAmplitudes(size, scratch);
    if (arrays) return arrays;
  }
  return { re: new Float64Array(size), im: new Float64Array(size), scratch: new Float64Array(scratch) };
}

/** Zeroed arrays in a kernel memory of their own whatever the size (tests use it), or undefined without SIMD. */
export function allocateSimdAmplitudes(size: number, scratch = 0): Amplitudes | undefined {
  const module = kernelModule();
  if (!module) return undefined;
  const pages = Math.max(1, Math.ceil((8 * (2 * size + scratch)) / PAGE_BYTES));
  let memory: WebAssembly.Memory;
  try {
    memory = new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  } catch {
    return undefined; // no room for a memory this size (address space, not heap): plain arrays may still fit
  }
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  memoriesByBuffer.set(memory.buffer, { memory, kernels: instance.exports as unknown as SimdKernels });
  return {
    re: new Float64Array(memory.buffer, 0, size),
    im: new Float64Array(memory.buffer, 8 * size, size),
    scratch: new Float64Array(memory.buffer, 16 * size, scratch),
  };
}

/** The kernels bound to the memory holding re and im, if both live in one. */
export function simdKernels(re: Float64Array, im: Float64Array): SimdKernels | undefined {
  return kernelMemory(re, im)?.kernels;
}

/** The kernel memory holding re and im, if both live in one. */
export function kernelMemory(re: Float64Array, im: Float64Array): KernelMemory | undefined {
  return re.buffer === im.buffer ? memoriesByBuffer.get(re.buffer) : undefined;
}
