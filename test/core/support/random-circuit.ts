// Seeded random circuits over every gate kind, built for our engine and, where it has the gate,
// for the independent npm simulator `quantum-circuit` (same little-endian qubit order).
import { CircuitBuilder, type Circuit, Rng } from "../../../core/index.ts";

/** name → [qubits, params, quantum-circuit name (or a rewrite), ...] */
interface GateSpec {
  name: string;
  qubits: number;
  params: number;
  /** How quantum-circuit says it: its gate name and a parameter mapping. */
  peer: { name: string; params?: (p: number[]) => number[] } | ((p: number[], q: number[]) => PeerGate[]);
}
export interface PeerGate { name: string; wires: number[]; params?: number[] }

const same = (name: string) => ({ name });
export const GATES: GateSpec[] = [
  { name: "id", qubits: 1, params: 0, peer: same("id") },
  { name: "x", qubits: 1, params: 0, peer: same("x") },
  { name: "y", qubits: 1, params: 0, peer: same("y") },
  { name: "z", qubits: 1, params: 0, peer: same("z") },
  { name: "h", qubits: 1, params: 0, peer: same("h") },
  { name: "s", qubits: 1, params: 0, peer: same("s") },
  { name: "sdg", qubits: 1, params: 0, peer: same("sdg") },
  { name: "t", qubits: 1, params: 0, peer: same("t") },
  { name: "tdg", qubits: 1, params: 0, peer: same("tdg") },
  { name: "sx", qubits: 1, params: 0, peer: same("srn") },
  { name: "sxdg", qubits: 1, params: 0, peer: same("srndg") },
  { name: "rx", qubits: 1, params: 1, peer: same("rx") },
  { name: "ry", qubits: 1, params: 1, peer: same("ry") },
  { name: "rz", qubits: 1, params: 1, peer: same("rz") },
  { name: "p", qubits: 1, params: 1, peer: same("u1") },
  { name: "u2", qubits: 1, params: 2, peer: same("u2") },
  { name: "u3", qubits: 1, params: 3, peer: same("u3") },
  { name: "cx", qubits: 2, params: 0, peer: same("cx") },
  { name: "cy", qubits: 2, params: 0, peer: same("cy") },
  { name: "cz", qubits: 2, params: 0, peer: same("cz") },
  { name: "ch", qubits: 2, params: 0, peer: same("ch") },
  { name: "csx", qubits: 2, params: 0, peer: same("csrn") },
  { name: "swap", qubits: 2, params: 0, peer: same("swap") },
  { name: "iswap", qubits: 2, params: 0, peer: same("iswap") },
  // ECR = RZX(π/4) · X₀ · RZX(−π/4) (Qiskit's definition), with RZX(θ) = H₁·RZZ(θ)·H₁.
  { name: "ecr", qubits: 2, params: 0, peer: (_p, [a, b]) => [
    { name: "h", wires: [b!] }, { name: "zz", wires: [a!, b!], params: [Math.PI / 4] }, { name: "h", wires: [b!] },
    { name: "x", wires: [a!] },
    { name: "h", wires: [b!] }, { name: "zz", wires: [a!, b!], params: [-Math.PI / 4] }, { name: "h", wires: [b!] },
  ] },
  { name: "crx", qubits: 2, params: 1, peer: same("crx") },
  { name: "cry", qubits: 2, params: 1, peer: same("cry") },
  { name: "crz", qubits: 2, params: 1, peer: same("crz") },
  { name: "cp", qubits: 2, params: 1, peer: same("cu1") },
  { name: "cu3", qubits: 2, params: 3, peer: same("cu3") },
  // cu(θ,φ,λ,γ) = cu3(θ,φ,λ) then a phase γ on the control.
  { name: "cu", qubits: 2, params: 4, peer: ([t, p, l, g], [c, tq]) => [{ name: "cu3", wires: [c!, tq!], params: [t!, p!, l!] }, { name: "u1", wires: [c!], params: [g!] }] },
  { name: "rxx", qubits: 2, params: 1, peer: { name: "xx", params: ([t]) => [t! / 2] } },
  { name: "ryy", qubits: 2, params: 1, peer: { name: "yy", params: ([t]) => [t! / 2] } },
  { name: "rzz", qubits: 2, params: 1, peer: same("zz") },
  { name: "ccx", qubits: 3, params: 0, peer: same("ccx") },
  { name: "cswap", qubits: 3, params: 0, peer: same("cswap") },
];

export interface RandomCircuit {
  circuit: Circuit;
  peer: PeerGate[];
}

/** A random circuit on n qubits with `depth` gates, all kinds drawn uniformly (those that fit). */
export function randomCircuit(rng: Rng, numQubits: number, gateCount: number): RandomCircuit {
  const builder = new CircuitBuilder(numQubits);
  const peer: PeerGate[] = [];
  const fitting = GATES.filter((g) => g.qubits <= numQubits);
  for (let k = 0; k < gateCount; k++) {
    const spec = fitting[rng.nextInt(fitting.length)]!;
    const qubits = pickDistinct(rng, numQubits, spec.qubits);
    const params = Array.from({ length: spec.params }, () => (rng.nextFloat() * 4 - 2) * Math.PI);
    builder.gate(spec.name, qubits, params);
    if (typeof spec.peer === "function") peer.push(...spec.peer(params, qubits));
    else peer.push({ name: spec.peer.name, wires: qubits, params: spec.peer.params ? spec.peer.params(params) : params });
  }
  return { circuit: builder.build(), peer };
}

export function pickDistinct(rng: Rng, n: number, k: number): number[] {
  const pool = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < k; i++) {
    const j = i + rng.nextInt(n - i);
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, k);
}
