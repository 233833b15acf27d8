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

/** The state index whose bit qubits[j] is bit j of `local` (and every other bit 0). */
export function spreadBits(local: number, qubits: readonly number[]): number {
  let index = 0;
  for (let j = 0; j < qubits.length; j++) if ((local >> j) & 1) index |= 1 << qubits[j]!;
  return index;
}

/** For each local basis state of the qubits, its offset in the arrays (spreadBits × block). */
export function localOffsets(qubits: readonly number[], block: number): Int32Array {
  return Int32Array.from({ length: 1 << qubits.length }, (_, local) => spreadBits(local, qubits) * block);
}

/** The number of 1 bits of a basis index (a Hamming weight). */
export function popcount(x: number): number {
  let n = 0;
  for (let v = x; v; v &= v - 1) n++;
  return n;
}
