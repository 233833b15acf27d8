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
