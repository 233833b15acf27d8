// Peer: npm `jsqubits` (immutable QState objects, amplitudes kept sparse).
import jsqubits from "jsqubits";
import type { Workload } from "../support/workloads.ts";

export function runJsqubits(n: number, workload: Workload): void {
  let state = jsqubits(`|${"0".repeat(n)}>`);
  for (const g of workload.gates) {
    switch (g.name) {
      case "h": state = state.hadamard(g.qubits[0]); break;
      case "cx": state = state.cnot(g.qubits[0], g.qubits[1]); break;
      case "rx": state = state.rotateX(g.qubits[0], g.angle); break;
      case "ry": state = state.rotateY(g.qubits[0], g.angle); break;
      case "rz": state = state.rotateZ(g.qubits[0], g.angle); break;
    }
  }
}
