// Fractional powers of 2×2 unitaries, for OpenQASM 3's pow(k) @ modifier: U^k = V·diag(λᵢ^k)·V†,
// taking the principal branch of each eigenvalue's phase.
import type { Matrix } from "./matrix.ts";

export function matrixPower(u: Matrix, k: number): Matrix {
  const [ar, ai, br, bi, cr, ci, dr, di] = u as unknown as number[];
  // Eigenvalues of [[a, b], [c, d]]: (tr ± √(tr² − 4 det)) / 2.
  const trR = ar! + dr!, trI = ai! + di!;
  const detR = ar! * dr! - ai! * di! - (br! * cr! - bi! * ci!);
  const detI = ar! * di! + ai! * dr! - (br! * ci! + bi! * cr!);
  const discR = trR * trR - trI * trI - 4 * detR, discI = 2 * trR * trI - 4 * detI;
  const [sR, sI] = complexSqrt(discR, discI);
  const l1: [number, number] = [(trR + sR) / 2, (trI + sI) / 2];
  const l2: [number, number] = [(trR - sR) / 2, (trI - sI) / 2];
  const p1 = complexPow(l1, k), p2 = complexPow(l2, k);
  if (Math.hypot(sR, sI) < 1e-12) {
    // Degenerate: a unitary with equal eigenvalues is λ·I.
    return Float64Array.of(p1[0], p1[1], 0, 0, 0, 0, p1[0], p1[1]);
  }
  // U^k = p1·P1 + p2·P2 with projectors P1 = (U − λ2 I)/(λ1 − λ2), P2 = (U − λ1 I)/(λ2 − λ1).
  const out = new Float64Array(8);
  const dR = l1[0] - l2[0], dI = l1[1] - l2[1];
  const entries: [number, number][] = [[ar!, ai!], [br!, bi!], [cr!, ci!], [dr!, di!]];
  entries.forEach(([er, ei], idx) => {
    const diag = idx === 0 || idx === 3 ? 1 : 0;
    // P1 entry = (e − λ2·δ)/(λ1 − λ2); P2 entry = (λ1·δ − e)/(λ1 − λ2)
    const n1: [number, number] = [er - diag * l2[0], ei - diag * l2[1]];
    const n2: [number, number] = [diag * l1[0] - er, diag * l1[1] - ei];
    const q1 = divide(n1, [dR, dI]), q2 = divide(n2, [dR, dI]);
    out[2 * idx] = p1[0] * q1[0] - p1[1] * q1[1] + p2[0] * q2[0] - p2[1] * q2[1];
    out[2 * idx + 1] = p1[0] * q1[1] + p1[1] * q1[0] + p2[0] * q2[1] + p2[1] * q2[0];
  });
  return out;
}

function complexSqrt(re: number, im: number): [number, number] {
  const r = Math.hypot(re, im);
  const sr = Math.sqrt((r + re) / 2);
  const si = Math.sign(im || 1) * Math.sqrt(Math.max(0, (r - re) / 2));
  return [sr, si];
}

function complexPow([re, im]: [number, number], k: number): [number, number] {
  const r = Math.hypot(re, im) ** k, phi = Math.atan2(im, re) * k;
  return [r * Math.cos(phi), r * Math.sin(phi)];
}

function divide([ar, ai]: [number, number], [br, bi]: [number, number]): [number, number] {
  const d = br * br + bi * bi;
  return [(ar * br + ai * bi) / d, (ai * br - ar * bi) / d];
}
