// Which WebAssembly kernel runs a gate, with which arguments: decided here, apart from running it,
// so a caller can run the same call on parts of a state (worker threads) as well as on all of it.
// A case no kernel has (a 2×2 under controls, several controls, odd strides) gets no plan: the
// JavaScript kernels of ../uniform.ts run it.
import type { SimdKernels } from "./memory.ts";

export type KernelName = keyof SimdKernels;

/** A kernel call: its arguments after (re, im, size), and its span (see below). */
export interface SimdCall {
  readonly kernel: KernelName;
  readonly args: readonly number[];
  /** Amplitudes the kernel couples: a state splits into independent contiguous parts of any multiple of it. */
  readonly span: number;
}

const isSingleBit = (mask: number) => mask !== 0 && (mask & (mask - 1)) === 0;

/** A 2×2 matrix on qubit q (block << q the stride), no controls. */
export function planApply1(size: number, block: number, q: number, m: Float64Array, cmask: number): SimdCall | undefined {
  const stride = block << q;
  if (cmask !== 0 || size < 4) return undefined;
  const entries = Array.from(m);
  if (stride === 1) return { kernel: "apply1Adjacent", args: entries, span: 4 };
  if (stride % 2 !== 0) return undefined;
  const [m00r, m00i, m01r, m01i, m10r, m10i, m11r, m11i] = entries;
  if (m00i === 0 && m01i === 0 && m10i === 0 && m11i === 0) return { kernel: "apply1Real", args: [stride, m00r!, m01r!, m10r!, m11r!], span: 2 * stride };
  return { kernel: "apply1", args: [stride, ...entries], span: 2 * stride };
}

/** diag(m00, m11) on qubit q, no control or one (then only when m00 = 1: cp, cz, cs). */
export function planDiagonal1(block: number, q: number, m: Float64Array, cmask: number): SimdCall | undefined {
  const d0r = m[0]!, d0i = m[1]!, d1r = m[6]!, d1i = m[7]!;
  const offset = block << q, skipZero = d0r === 1 && d0i === 0 ? 1 : 0;
  if (cmask === 0) {
    if (offset === 1) return { kernel: "diagonal1Adjacent", args: [d0r, d0i, d1r, d1i, skipZero], span: 2 };
    if (offset % 2 === 0) return { kernel: "diagonal1", args: [offset, d0r, d0i, d1r, d1i, skipZero], span: 2 * offset };
    return undefined;
  }
  const control = block * cmask;
  if (skipZero && isSingleBit(cmask) && control % 2 === 0 && offset % 2 === 0) {
    return { kernel: "phaseControlled", args: [control, offset, d1r, d1i], span: 2 * Math.max(control, offset) };
  }
  return undefined;
}

/** NOT on qubit q, no control or one (x, cx). */
export function planX(block: number, q: number, cmask: number): SimdCall | undefined {
  const offset = block << q;
  if (cmask === 0) {
    if (offset === 1) return { kernel: "swapAdjacent", args: [], span: 2 };
    if (offset % 2 === 0) return { kernel: "swapHalves", args: [offset], span: 2 * offset };
    return undefined;
  }
  if (!isSingleBit(cmask)) return undefined;
  const control = block * cmask, span = 2 * Math.max(control, offset);
  if (control % 2 === 0 && offset % 2 === 0) return { kernel: "swapControlled", args: [control, offset], span };
  if (control === 1 && offset % 2 === 0) return { kernel: "swapControlledByLowest", args: [offset], span };
  if (offset === 1 && control % 2 === 0) return { kernel: "swapAdjacentControlled", args: [control], span };
  return undefined;
}

/** Runs a call on the `size` amplitudes from byte addresses re and im of the kernels' memory. */
export function invoke(kernels: SimdKernels, call: SimdCall, re: number, im: number, size: number): void {
  (kernels[call.kernel] as (...args: number[]) => void)(re, im, size, ...call.args);
}
