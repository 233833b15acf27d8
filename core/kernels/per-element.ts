// Kernels for a block of states where each element has its own matrix (a parametric gate whose
// angle depends on that element's inputs). mats holds one matrix per element, back to back.
import { bitsOf } from "./uniform.ts";
import { insertZeros, localOffsets, sortedPositions } from "./indexing.ts";
import { simdKernels } from "./simd/memory.ts";

/**
 * apply1Each by the WebAssembly kernel, when re and im live in a kernel memory, `scratch` (8·block
 * numbers) in the same one, no controls and an even block (two elements per vector); false
 * otherwise, and the caller runs apply1Each. The matrices go entry-major into scratch.
 */
export function apply1EachSimd(re: Float64Array, im: Float64Array, block: number, q: number, mats: Float64Array, cmask: number, scratch: Float64Array): boolean {
  const kernels = simdKernels(re, im);
  if (!kernels || cmask !== 0 || block % 2 !== 0 || scratch.buffer !== re.buffer || scratch.length < 8 * block) return false;
  for (let b = 0; b < block; b++) for (let k = 0; k < 8; k++) scratch[k * block + b] = mats[8 * b + k]!;
  kernels.apply1Each(re.byteOffset, im.byteOffset, re.length, block, block << q, scratch.byteOffset);
  return true;
}

/** Element b gets the 2×2 at mats[8b .. 8b+8). */
export function apply1Each(re: Float64Array, im: Float64Array, block: number, q: number, mats: Float64Array, cmask = 0): void {
  const positions = sortedPositions([q, ...bitsOf(cmask)]);
  const count = re.length / block >> positions.length;
  const offset = block << q;
  for (let k = 0; k < count; k++) {
    const start = (insertZeros(k, positions) | cmask) * block;
    for (let b = 0; b < block; b++) {
      const i = start + b, j = i + offset, o = 8 * b;
      const m00r = mats[o]!, m00i = mats[o + 1]!, m01r = mats[o + 2]!, m01i = mats[o + 3]!;
      const m10r = mats[o + 4]!, m10i = mats[o + 5]!, m11r = mats[o + 6]!, m11i = mats[o + 7]!;
      const ar = re[i]!, ai = im[i]!, br = re[j]!, bi = im[j]!;
      re[i] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
      im[i] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
      re[j] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
      im[j] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
    }
  }
}

/** Element b gets the 2^k×2^k matrix at mats[b·2·4^k ...) on the qubits (local bit j = qubits[j]). */
export function applyDenseEach(re: Float64Array, im: Float64Array, block: number, qubits: readonly number[], mats: Float64Array, cmask = 0): void {
  const k = qubits.length;
  const dim = 1 << k;
  const size = 2 * dim * dim;
  const positions = sortedPositions([...qubits, ...bitsOf(cmask)]);
  const count = re.length / block >> positions.length;
  const offsets = localOffsets(qubits, block);
  const vr = new Float64Array(dim), vi = new Float64Array(dim);
  for (let n = 0; n < count; n++) {
    const start = (insertZeros(n, positions) | cmask) * block;
    for (let b = 0; b < block; b++) {
      const i = start + b, base = b * size;
      for (let c = 0; c < dim; c++) {
        vr[c] = re[i + offsets[c]!]!;
        vi[c] = im[i + offsets[c]!]!;
      }
      for (let r = 0; r < dim; r++) {
        let sr = 0, si = 0;
        const row = base + 2 * r * dim;
        for (let c = 0; c < dim; c++) {
          const mr = mats[row + 2 * c]!, mi = mats[row + 2 * c + 1]!;
          sr += mr * vr[c]! - mi * vi[c]!;
          si += mr * vi[c]! + mi * vr[c]!;
        }
        re[i + offsets[r]!] = sr;
        im[i + offsets[r]!] = si;
      }
    }
  }
}
