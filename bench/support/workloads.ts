// The benchmark workloads, as plain gate lists every simulator can be given.

export interface BenchGate {
  name: "h" | "cx" | "rx" | "ry" | "rz";
  qubits: number[];
  /** Angle, for rotations. */
  angle?: number;
  /** For the VQC: the symbol this angle is bound to (x<q> inputs, w<k> weights). */
  symbol?: string;
}

export interface Workload {
  name: string;
  gates: BenchGate[];
}

/** H on every qubit, then a CNOT chain. */
export function hadamardChain(n: number): Workload {
  const gates: BenchGate[] = [];
  for (let q = 0; q < n; q++) gates.push({ name: "h", qubits: [q] });
  for (let q = 0; q + 1 < n; q++) gates.push({ name: "cx", qubits: [q, q + 1] });
  return { name: "H all + CNOT chain", gates };
}

/** 10 layers of rx, ry, rz on every qubit followed by a CNOT ladder. */
export function rotationLayers(n: number, layers = 10): Workload {
  const gates: BenchGate[] = [];
  let k = 0;
  const angle = () => 0.1 + 0.37 * (k++ % 17);
  for (let l = 0; l < layers; l++) {
    for (let q = 0; q < n; q++) {
      gates.push({ name: "rx", qubits: [q], angle: angle() }, { name: "ry", qubits: [q], angle: angle() }, { name: "rz", qubits: [q], angle: angle() });
    }
    for (let q = 0; q + 1 < n; q++) gates.push({ name: "cx", qubits: [q, q + 1] });
  }
  return { name: "10 × (rx ry rz + CNOT ladder)", gates };
}

/** A variational classifier: ry(x) encoding, then `layers` × (ry(w), rz(w) on every qubit + CNOT ring). */
export function vqc(n: number, layers = 4): Workload {
  const gates: BenchGate[] = [];
  for (let q = 0; q < n; q++) gates.push({ name: "ry", qubits: [q], angle: 0.3 + 0.1 * q, symbol: `x${q}` });
  let w = 0;
  for (let l = 0; l < layers; l++) {
    for (let q = 0; q < n; q++) {
      gates.push({ name: "ry", qubits: [q], angle: 0.2 + 0.05 * w, symbol: `w${w++}` });
      gates.push({ name: "rz", qubits: [q], angle: 0.2 + 0.05 * w, symbol: `w${w++}` });
    }
    for (let q = 0; q < n; q++) gates.push({ name: "cx", qubits: [q, (q + 1) % n] });
  }
  return { name: `${layers}-layer VQC`, gates };
}
