// Kernels applying the same gate to every state in a block (block = 1: a single state).
// re/im hold amplitudes; amplitude i of block element b is at i*block + b. `cmask` lists extra
// control qubits that must all be 1. Matrices are row-major, interleaved complex.
// Arrays in a kernel memory (simd/memory.ts) run the WebAssembly SIMD kernels where a kernel has
// one for the case (every stride even, so each vector of two amplitudes stays on one side); the
// JavaScript below is the reference and the fallback, and both give the same bits.
import { insertZeros, localOffsets, sortedPositions, spreadBits } from "./indexing.ts";
import { simdKernels } from "./simd/memory.ts";
import { invoke, planApply1, planDiagonal1, planX, type SimdCall } from "./simd/plan.ts";

/** Runs the WebAssembly kernel planned for arrays in a kernel memory; false: the JavaScript runs. */
function runSimd(re: Float64Array, im: Float64Array, plan: (size: number) => SimdCall | undefined): boolean {
  const kernels = simdKernels(re, im);
  const call = kernels && plan(re.length);
  if (!call) return false;
  invoke(kernels, call, re.byteOffset, im.byteOffset, re.length);
  return true;
}

/** A general 2×2 on qubit q. */
export function apply1(re: Float64Array, im: Float64Array, block: number, q: number, m: Float64Array, cmask = 0): void {
  const m00r = m[0]!, m00i = m[1]!, m01r = m[2]!, m01i = m[3]!, m10r = m[4]!, m10i = m[5]!, m11r = m[6]!, m11i = m[7]!;
  if (cmask !== 0) return apply1Controlled(re, im, block, q, m, cmask);
  const stride = block << q;
  const size = re.length;
  if (runSimd(re, im, (size) => planApply1(size, block, q, m, 0))) return;
  if (stride === 1) {
    // Qubit 0 of a single state: pairs are adjacent.
    for (let i = 0; i < size; i += 2) {
      const ar = re[i]!, ai = im[i]!, br = re[i + 1]!, bi = im[i + 1]!;
      re[i] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
      im[i] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
      re[i + 1] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
      im[i + 1] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
    }
    return;
  }
  if (m00i === 0 && m01i === 0 && m10i === 0 && m11i === 0) {
    // Real matrix (h, ry, x): half the multiplications.
    for (let base = 0; base < size; base += stride << 1) {
      const end = base + stride;
      for (let i = base; i < end; i++) {
        const j = i + stride;
        const ar = re[i]!, ai = im[i]!, br = re[j]!, bi = im[j]!;
        re[i] = m00r * ar + m01r * br;
        im[i] = m00r * ai + m01r * bi;
        re[j] = m10r * ar + m11r * br;
        im[j] = m10r * ai + m11r * bi;
      }
    }
    return;
  }
  for (let base = 0; base < size; base += stride << 1) {
    const end = base + stride;
    for (let i = base; i < end; i++) {
      const j = i + stride;
      const ar = re[i]!, ai = im[i]!, br = re[j]!, bi = im[j]!;
      re[i] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
      im[i] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
      re[j] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
      im[j] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
    }
  }
}

function apply1Controlled(re: Float64Array, im: Float64Array, block: number, q: number, m: Float64Array, cmask: number): void {
  const m00r = m[0]!, m00i = m[1]!, m01r = m[2]!, m01i = m[3]!, m10r = m[4]!, m10i = m[5]!, m11r = m[6]!, m11i = m[7]!;
  if (isSingleBit(cmask)) {
    const control = block * cmask, offset = block << q;
    const lo = Math.min(control, offset), hi = Math.max(control, offset);
    for (let a = 0; a < re.length; a += hi << 1) {
      for (let b = a; b < a + hi; b += lo << 1) {
        const end = b + lo + control;
        for (let i = b + control; i < end; i++) {
          const j = i + offset;
          const ar = re[i]!, ai = im[i]!, br = re[j]!, bi = im[j]!;
          re[i] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
          im[i] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
          re[j] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
          im[j] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
        }
      }
    }
    return;
  }
  const positions = sortedPositions([q, ...bitsOf(cmask)]);
  const count = re.length / block >> positions.length;
  const offset = block << q;
  for (let k = 0; k < count; k++) {
    const start = (insertZeros(k, positions) | cmask) * block;
    for (let i = start; i < start + block; i++) {
      const j = i + offset;
      const ar = re[i]!, ai = im[i]!, br = re[j]!, bi = im[j]!;
      re[i] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
      im[i] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
      re[j] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
      im[j] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
    }
  }
}

/** diag(d0, d1) on qubit q; skips the |0⟩ half when d0 = 1 (p, s, t, z, cp). */
export function applyDiagonal1(re: Float64Array, im: Float64Array, block: number, q: number, m: Float64Array, cmask = 0): void {
  const d0r = m[0]!, d0i = m[1]!, d1r = m[6]!, d1i = m[7]!;
  const offset = block << q;
  const skipZero = d0r === 1 && d0i === 0;
  if (runSimd(re, im, () => planDiagonal1(block, q, m, cmask))) return;
  if (cmask === 0) {
    const stride = offset;
    for (let base = 0; base < re.length; base += stride << 1) {
      const end = base + stride;
      for (let i = base; i < end; i++) {
        const j = i + stride;
        if (!skipZero) {
          const ar = re[i]!, ai = im[i]!;
          re[i] = d0r * ar - d0i * ai;
          im[i] = d0r * ai + d0i * ar;
        }
        const br = re[j]!, bi = im[j]!;
        re[j] = d1r * br - d1i * bi;
        im[j] = d1r * bi + d1i * br;
      }
    }
    return;
  }
  if (isSingleBit(cmask) && skipZero) {
    // cp, cz, cs: a phase where control and target are both 1.
    const control = block * cmask;
    const lo = Math.min(control, offset), hi = Math.max(control, offset);
    for (let a = 0; a < re.length; a += hi << 1) {
      for (let b = a; b < a + hi; b += lo << 1) {
        const end = b + lo + control + offset;
        for (let j = b + control + offset; j < end; j++) {
          const br = re[j]!, bi = im[j]!;
          re[j] = d1r * br - d1i * bi;
          im[j] = d1r * bi + d1i * br;
        }
      }
    }
    return;
  }
  const positions = sortedPositions([q, ...bitsOf(cmask)]);
  const count = re.length / block >> positions.length;
  for (let k = 0; k < count; k++) {
    const start = (insertZeros(k, positions) | cmask) * block;
    for (let i = start; i < start + block; i++) {
      const j = i + offset;
      const ar = re[i]!, ai = im[i]!, br = re[j]!, bi = im[j]!;
      re[i] = d0r * ar - d0i * ai;
      im[i] = d0r * ai + d0i * ar;
      re[j] = d1r * br - d1i * bi;
      im[j] = d1r * bi + d1i * br;
    }
  }
}

/** NOT on qubit q where every control in cmask is 1: swaps amplitudes, no arithmetic (x, cx, ccx, mcx). */
export function applyX(re: Float64Array, im: Float64Array, block: number, q: number, cmask = 0): void {
  const offset = block << q;
  if (runSimd(re, im, () => planX(block, q, cmask))) return;
  if (cmask === 0) {
    for (let base = 0; base < re.length; base += offset << 1) {
      const end = base + offset;
      for (let i = base; i < end; i++) swap(re, im, i, i + offset);
    }
    return;
  }
  if (isSingleBit(cmask)) {
    // One control (cx): visit indices with control 1 and target 0 in three nested runs.
    const control = block * cmask;
    const lo = Math.min(control, offset), hi = Math.max(control, offset);
    for (let a = 0; a < re.length; a += hi << 1) {
      for (let b = a; b < a + hi; b += lo << 1) {
        const end = b + lo;
        for (let i = b; i < end; i++) swap(re, im, i + control, i + control + offset);
      }
    }
    return;
  }
  const positions = sortedPositions([q, ...bitsOf(cmask)]);
  const count = re.length / block >> positions.length;
  for (let k = 0; k < count; k++) {
    const start = (insertZeros(k, positions) | cmask) * block;
    for (let i = start; i < start + block; i++) swap(re, im, i, i + offset);
  }
}

/** Exchanges qubits a and b where every control in cmask is 1 (swap, cswap). */
export function applySwap(re: Float64Array, im: Float64Array, block: number, a: number, b: number, cmask = 0): void {
  const positions = sortedPositions([a, b, ...bitsOf(cmask)]);
  const count = re.length / block >> positions.length;
  const offA = block << a, offB = block << b;
  for (let k = 0; k < count; k++) {
    const start = (insertZeros(k, positions) | cmask) * block;
    for (let i = start; i < start + block; i++) swap(re, im, i + offA, i + offB);
  }
}

/**
 * A diagonal on the qubits (local bit j = qubits[j]) given by its 2^k diagonal entries
 * (interleaved complex); entries equal to 1 are skipped (cz touches a quarter of the state).
 */
export function applyDiagonal(re: Float64Array, im: Float64Array, block: number, qubits: readonly number[], diag: Float64Array, cmask = 0): void {
  const positions = sortedPositions([...qubits, ...bitsOf(cmask)]);
  const count = re.length / block >> positions.length;
  const k = qubits.length;
  for (let local = 0; local < 1 << k; local++) {
    const dr = diag[2 * local]!, di = diag[2 * local + 1]!;
    if (dr === 1 && di === 0) continue;
    const offset = spreadBits(local, qubits);
    for (let n = 0; n < count; n++) {
      const start = (insertZeros(n, positions) | cmask | offset) * block;
      for (let i = start; i < start + block; i++) {
        const ar = re[i]!, ai = im[i]!;
        re[i] = dr * ar - di * ai;
        im[i] = dr * ai + di * ar;
      }
    }
  }
}

/** A dense 2^k × 2^k matrix on the qubits (local bit j = qubits[j]). */
export function applyDense(re: Float64Array, im: Float64Array, block: number, qubits: readonly number[], m: Float64Array, cmask = 0): void {
  const k = qubits.length;
  const dim = 1 << k;
  const positions = sortedPositions([...qubits, ...bitsOf(cmask)]);
  const count = re.length / block >> positions.length;
  const offsets = localOffsets(qubits, block);
  const vr = new Float64Array(dim), vi = new Float64Array(dim);
  for (let n = 0; n < count; n++) {
    const start = (insertZeros(n, positions) | cmask) * block;
    for (let i = start; i < start + block; i++) {
      for (let c = 0; c < dim; c++) {
        vr[c] = re[i + offsets[c]!]!;
        vi[c] = im[i + offsets[c]!]!;
      }
      for (let r = 0; r < dim; r++) {
        let sr = 0, si = 0;
        const row = 2 * r * dim;
        for (let c = 0; c < dim; c++) {
          const mr = m[row + 2 * c]!, mi = m[row + 2 * c + 1]!;
          sr += mr * vr[c]! - mi * vi[c]!;
          si += mr * vi[c]! + mi * vr[c]!;
        }
        re[i + offsets[r]!] = sr;
        im[i + offsets[r]!] = si;
      }
    }
  }
}

function swap(re: Float64Array, im: Float64Array, i: number, j: number): void {
  const tr = re[i]!, ti = im[i]!;
  re[i] = re[j]!;
  im[i] = im[j]!;
  re[j] = tr;
  im[j] = ti;
}

function isSingleBit(mask: number): boolean {
  return mask !== 0 && (mask & (mask - 1)) === 0;
}

export function bitsOf(mask: number): number[] {
  const bits: number[] = [];
  for (let q = 0; mask >> q; q++) if ((mask >> q) & 1) bits.push(q);
  return bits;
}
