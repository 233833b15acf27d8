// Peer: npm `quantum-circuit` (mathjs-based simulator).
import QuantumCircuit from "quantum-circuit";
import type { Workload } from "../support/workloads.ts";

export function runQuantumCircuit(n: number, workload: Workload): void {
  const qc = new QuantumCircuit(n);
  for (const g of workload.gates) {
    if (g.angle === undefined) qc.appendGate(g.name, g.qubits.length === 1 ? g.qubits[0]! : g.qubits);
    else qc.appendGate(g.name, g.qubits[0]!, { params: { theta: g.angle, phi: g.angle } });
  }
  qc.run();
}
