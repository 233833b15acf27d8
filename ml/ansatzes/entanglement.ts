// Which qubit pairs an entangling layer couples (Qiskit's names): linear (i, i+1), ring (linear
// plus (n-1, 0)), full (every i < j).
export type Entanglement = "linear" | "ring" | "full";

export const ENTANGLEMENTS: readonly Entanglement[] = ["linear", "ring", "full"];

export function entanglementPairs(numQubits: number, pattern: Entanglement): [number, number][] {
  const pairs: [number, number][] = [];
  if (pattern === "full") {
    for (let i = 0; i < numQubits; i++) for (let j = i + 1; j < numQubits; j++) pairs.push([i, j]);
    return pairs;
  }
  for (let i = 0; i + 1 < numQubits; i++) pairs.push([i, i + 1]);
  if (pattern === "ring" && numQubits > 2) pairs.push([numQubits - 1, 0]);
  return pairs;
}
