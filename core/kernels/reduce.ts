// Read-only reductions over a block of states, for gradients.
import { insertZeros, sortedPositions } from "./indexing.ts";
import { bitsOf } from "./uniform.ts";

/**
 * S[a][b] = Σ conj(λ[base + off_a]) · φ[base + off_b] over every base where the control mask holds,
 * for the 2^k local states of the target qubits (interleaved complex, row-major, 2·4^k numbers).
 * Then ⟨λ|D|φ⟩ = Σ_ab D[a][b]·S[a][b] for any matrix D on those qubits. Adds into `sums`.
 */
export function outerSums(
  lre: Float64Array, lim: Float64Array, pre: Float64Array, pim: Float64Array, targets: readonly number[], cmask: number,
  sums: Float64Array = new Float64Array(2 * 4 ** targets.length),
): Float64Array {
  const k = targets.length;
  const dim = 1 << k;
  if (k === 1 && cmask === 0) {
    const stride = 1 << targets[0]!;
    let s00r = 0, s00i = 0, s01r = 0, s01i = 0, s10r = 0, s10i = 0, s11r = 0, s11i = 0;
    for (let base = 0; base < lre.length; base += stride << 1) {
      const end = base + stride;
      for (let i = base; i < end; i++) {
        const j = i + stride;
        const l0r = lre[i]!, l0i = -lim[i]!, l1r = lre[j]!, l1i = -lim[j]!;
        const p0r = pre[i]!, p0i = pim[i]!, p1r = pre[j]!, p1i = pim[j]!;
        s00r += l0r * p0r - l0i * p0i; s00i += l0r * p0i + l0i * p0r;
        s01r += l0r * p1r - l0i * p1i; s01i += l0r * p1i + l0i * p1r;
        s10r += l1r * p0r - l1i * p0i; s10i += l1r * p0i + l1i * p0r;
        s11r += l1r * p1r - l1i * p1i; s11i += l1r * p1i + l1i * p1r;
      }
    }
    sums[0]! += s00r; sums[1]! += s00i; sums[2]! += s01r; sums[3]! += s01i;
    sums[4]! += s10r; sums[5]! += s10i; sums[6]! += s11r; sums[7]! += s11i;
    return sums;
  }
  const positions = sortedPositions([...targets, ...bitsOf(cmask)]);
  const count = lre.length >> positions.length;
  const offsets = new Int32Array(dim);
  for (let local = 0; local < dim; local++) {
    let offset = 0;
    for (let j = 0; j < k; j++) if ((local >> j) & 1) offset |= 1 << targets[j]!;
    offsets[local] = offset;
  }
  for (let n = 0; n < count; n++) {
    const base = insertZeros(n, positions) | cmask;
    for (let a = 0; a < dim; a++) {
      const ia = base + offsets[a]!;
      const lr = lre[ia]!, li = -lim[ia]!;
      for (let b = 0; b < dim; b++) {
        const ib = base + offsets[b]!;
        const pr = pre[ib]!, pi = pim[ib]!;
        sums[2 * (a * dim + b)]! += lr * pr - li * pi;
        sums[2 * (a * dim + b) + 1]! += lr * pi + li * pr;
      }
    }
  }
  return sums;
}

/** Re Σ_ab D[a][b]·S[a][b]. */
export function realContraction(d: Float64Array, s: Float64Array): number {
  let total = 0;
  for (let i = 0; i < d.length; i += 2) total += d[i]! * s[i]! - d[i + 1]! * s[i + 1]!;
  return total;
}

/**
 * One backward step of the adjoint method for a one-qubit gate without controls, in one pass:
 * φ = U†ψ (written over ψ), sums += Σ conj(λ)·φ (λ before un-applying), λ = U†λ.
 * Equivalent to apply1(ψ, U†), outerSums(λ, φ), apply1(λ, U†), with half the memory traffic.
 */
export function backward1(pre: Float64Array, pim: Float64Array, lre: Float64Array, lim: Float64Array, q: number, inverse: Float64Array, sums: Float64Array | undefined): void {
  const m00r = inverse[0]!, m00i = inverse[1]!, m01r = inverse[2]!, m01i = inverse[3]!;
  const m10r = inverse[4]!, m10i = inverse[5]!, m11r = inverse[6]!, m11i = inverse[7]!;
  const stride = 1 << q;
  let s00r = 0, s00i = 0, s01r = 0, s01i = 0, s10r = 0, s10i = 0, s11r = 0, s11i = 0;
  for (let base = 0; base < pre.length; base += stride << 1) {
    const end = base + stride;
    for (let i = base; i < end; i++) {
      const j = i + stride;
      let ar = pre[i]!, ai = pim[i]!, br = pre[j]!, bi = pim[j]!;
      const p0r = m00r * ar - m00i * ai + m01r * br - m01i * bi;
      const p0i = m00r * ai + m00i * ar + m01r * bi + m01i * br;
      const p1r = m10r * ar - m10i * ai + m11r * br - m11i * bi;
      const p1i = m10r * ai + m10i * ar + m11r * bi + m11i * br;
      pre[i] = p0r; pim[i] = p0i; pre[j] = p1r; pim[j] = p1i;
      ar = lre[i]!; ai = lim[i]!; br = lre[j]!; bi = lim[j]!;
      if (sums) {
        // conj(λ)·φ: (ar − i·ai)(p0r + i·p0i)
        s00r += ar * p0r + ai * p0i; s00i += ar * p0i - ai * p0r;
        s01r += ar * p1r + ai * p1i; s01i += ar * p1i - ai * p1r;
        s10r += br * p0r + bi * p0i; s10i += br * p0i - bi * p0r;
        s11r += br * p1r + bi * p1i; s11i += br * p1i - bi * p1r;
      }
      lre[i] = m00r * ar - m00i * ai + m01r * br - m01i * bi;
      lim[i] = m00r * ai + m00i * ar + m01r * bi + m01i * br;
      lre[j] = m10r * ar - m10i * ai + m11r * br - m11i * bi;
      lim[j] = m10r * ai + m10i * ar + m11r * bi + m11i * br;
    }
  }
  if (sums) {
    sums[0]! += s00r; sums[1]! += s00i; sums[2]! += s01r; sums[3]! += s01i;
    sums[4]! += s10r; sums[5]! += s10i; sums[6]! += s11r; sums[7]! += s11i;
  }
}
