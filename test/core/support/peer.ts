// Runs a gate list on the npm simulator `quantum-circuit` and returns its probabilities.
import QuantumCircuit from "quantum-circuit";
import type { PeerGate } from "./random-circuit.ts";

export function peerProbabilities(numQubits: number, gates: readonly PeerGate[]): Float64Array {
  const qc = new QuantumCircuit(numQubits);
  for (const gate of gates) {
    const names: string[] = qc.basicGates[gate.name]?.params ?? [];
    const params: Record<string, number> = Object.fromEntries(names.map((name, k) => [name, gate.params![k]!]));
    qc.appendGate(gate.name, gate.wires.length === 1 ? gate.wires[0]! : gate.wires, names.length ? { params } : {});
  }
  qc.run();
  const probabilities = new Float64Array(2 ** numQubits);
  for (const [index, amplitude] of Object.entries(qc.state as Record<string, { re: number; im: number }>)) {
    probabilities[Number(index)] = amplitude.re * amplitude.re + amplitude.im * amplitude.im;
  }
  return probabilities;
}
