// Index helpers shared by the kernels. Amplitude i of batch element b lives at i*block + b
// (block = 1 for a single state), so "qubit q" has stride block << q in the arrays.

/** Inserts a 0 bit at each position (ascending) into k: enumerates indices whose bits there are 0. */
export function insertZeros(k: number, sortedPositions: Int32Array): number {
  let i = k;
  for (let p = 0; p < sortedPositions.length; p++) {
    const pos = sortedPositions[p]!;
    i = ((i >> pos) << (pos + 1)) | (i & ((1 << pos) - 1));
  }
  return i;
}

export function sortedPositions(qubits: readonly number[]): Int32Array {
  return Int32Array.from([...qubits].sort((a, b) => a - b));
}

export function maskOf(qubits: readonly number[]): number {
  let mask = 0;
  for (const q of qubits) mask |= 1 << q;
  return mask;
}
