// The gates `include "stdgates.inc"` (OpenQASM 3) brings into scope, mapped onto the catalog.
export const STDGATES: Record<string, { gate: string; params: number; qubits: number }> = {
  p: { gate: "p", params: 1, qubits: 1 }, phase: { gate: "p", params: 1, qubits: 1 },
  x: { gate: "x", params: 0, qubits: 1 }, y: { gate: "y", params: 0, qubits: 1 }, z: { gate: "z", params: 0, qubits: 1 },
  h: { gate: "h", params: 0, qubits: 1 }, s: { gate: "s", params: 0, qubits: 1 }, sdg: { gate: "sdg", params: 0, qubits: 1 },
  t: { gate: "t", params: 0, qubits: 1 }, tdg: { gate: "tdg", params: 0, qubits: 1 }, sx: { gate: "sx", params: 0, qubits: 1 },
  rx: { gate: "rx", params: 1, qubits: 1 }, ry: { gate: "ry", params: 1, qubits: 1 }, rz: { gate: "rz", params: 1, qubits: 1 },
  cx: { gate: "cx", params: 0, qubits: 2 }, CX: { gate: "cx", params: 0, qubits: 2 }, cy: { gate: "cy", params: 0, qubits: 2 },
  cz: { gate: "cz", params: 0, qubits: 2 }, cp: { gate: "cp", params: 1, qubits: 2 }, cphase: { gate: "cp", params: 1, qubits: 2 },
  crx: { gate: "crx", params: 1, qubits: 2 }, cry: { gate: "cry", params: 1, qubits: 2 }, crz: { gate: "crz", params: 1, qubits: 2 },
  ch: { gate: "ch", params: 0, qubits: 2 }, swap: { gate: "swap", params: 0, qubits: 2 }, ccx: { gate: "ccx", params: 0, qubits: 3 },
  cswap: { gate: "cswap", params: 0, qubits: 3 }, cu: { gate: "cu", params: 4, qubits: 2 }, id: { gate: "id", params: 0, qubits: 1 },
  u1: { gate: "p", params: 1, qubits: 1 }, u2: { gate: "u2", params: 2, qubits: 1 }, u3: { gate: "u3", params: 3, qubits: 1 },
};

/** Declarations and statements outside the subset we read, refused by name. */
export const UNSUPPORTED_QASM3 = new Set([
  "for", "while", "def", "let", "const", "switch", "box", "delay", "stretch", "duration", "extern", "defcal", "cal",
  "defcalgrammar", "int", "uint", "float", "angle", "bool", "complex", "array", "output", "return", "break", "continue", "end",
  "durationof", "else",
]);
