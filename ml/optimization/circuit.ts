// The QAOA circuit as gates, for people and other simulators: what optimizeQaoa's dedicated loop
// computes, drawable and exportable as OpenQASM. Cost layers from the Ising form (RZ, RZZ); the x
// mixer as RX on every qubit from H^n; the xy mixer as RXX·RYY per ring pair, from the Dicke
// state prepared by Bärtschi & Eidenbenz's split-and-cyclic-shift circuit ("Deterministic
// preparation of Dicke states", 2019: n−1 blocks of CX and controlled RY).
import { CircuitBuilder, type Circuit } from "../../core/index.ts";
import { ringPairs, type Mixer } from "./qaoa.ts";
import { toIsing, type Qubo } from "./qubo.ts";

/**
 * The circuit for `params` (γ's then β's) on a cost run as (f − shift)/scale, f the QUBO's value:
 * e^{−iγ(f − shift)/scale} is, up to a global phase, RZ(2γh_i/scale) and RZZ(2γJ_ij/scale).
 */
export function qaoaCircuit(qubo: Qubo, mixer: Mixer, params: Float64Array, scale: number): Circuit {
  const n = qubo.n, p = params.length / 2;
  const builder = new CircuitBuilder(n);
  if (mixer.kind === "x") for (let q = 0; q < n; q++) builder.h(q);
  else prepareDicke(builder, n, mixer.weight);
  const ising = toIsing(qubo);
  const pairs = ringPairs(n);
  for (let l = 0; l < p; l++) {
    const gamma = params[l]! / scale, beta = params[p + l]!;
    ising.h.forEach((h, q) => h !== 0 && builder.rz(2 * gamma * h, q));
    for (const { i, j, weight } of ising.couplings) builder.rzz(2 * gamma * weight, i, j);
    if (mixer.kind === "x") for (let q = 0; q < n; q++) builder.rx(2 * beta, q);
    else for (const [a, b] of pairs) builder.rxx(beta, a, b).ryy(beta, a, b);
  }
  return builder.build();
}

/** |0…0⟩ → the Dicke state of weight k (every weight-k bitstring, amplitude C(n,k)^−½). */
export function prepareDicke(builder: CircuitBuilder, n: number, k: number): void {
  const q = (paperQubit: number) => paperQubit - 1; // the paper numbers qubits 1..n
  for (let i = n - k + 1; i <= n; i++) builder.x(q(i));
  for (let l = n; l >= 2; l--) {
    const m = Math.min(k, l - 1);
    if (m < 1) continue;
    builder.cx(q(l - 1), q(l)).cry(2 * Math.acos(Math.sqrt(1 / l)), q(l), q(l - 1)).cx(q(l - 1), q(l));
    for (let i = 2; i <= m; i++) {
      builder.cx(q(l - i), q(l));
      builder.controlled("ry", [q(l), q(l - i + 1)], [q(l - i)], [2 * Math.acos(Math.sqrt(i / l))]);
      builder.cx(q(l - i), q(l));
    }
  }
}
