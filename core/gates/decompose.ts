// A one-qubit unitary as e^{iα}·U3(θ, φ, λ) (Qiskit's u3 convention), for writing custom gates.
import type { Matrix } from "./matrix.ts";

export interface U3Angles { theta: number; phi: number; lambda: number; phase: number }

export function u3Angles(u: Matrix): U3Angles {
  const [ar, ai, br, bi, cr, ci, dr, di] = u as unknown as number[];
  const absA = Math.hypot(ar!, ai!), absC = Math.hypot(cr!, ci!);
  const theta = 2 * Math.atan2(absC, absA);
  const arg = (re: number, im: number) => Math.atan2(im, re);
  if (absA > 1e-12 && absC > 1e-12) {
    const phase = arg(ar!, ai!);
    return { theta, phi: arg(cr!, ci!) - phase, lambda: arg(-br!, -bi!) - phase, phase };
  }
  if (absC <= 1e-12) {
    // Diagonal: e^{iα}·diag(1, e^{iλ}).
    const phase = arg(ar!, ai!);
    return { theta, phi: 0, lambda: arg(dr!, di!) - phase, phase };
  }
  // Anti-diagonal (θ = π): choose φ = 0.
  const phase = arg(cr!, ci!);
  return { theta, phi: 0, lambda: arg(-br!, -bi!) - phase, phase };
}
