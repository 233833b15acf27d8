// The gates `include "qelib1.inc"` brings into scope: most map onto catalog gates (run natively);
// the few qelib1 defines by decomposition keep that decomposition, written here in OpenQASM 2.

/** qelib1 name → catalog gate, with its parameter and qubit counts. */
export const QELIB1_NATIVE: Record<string, { gate: string; params: number; qubits: number; controls?: number }> = {
  u3: { gate: "u3", params: 3, qubits: 1 }, u2: { gate: "u2", params: 2, qubits: 1 }, u1: { gate: "p", params: 1, qubits: 1 },
  u: { gate: "u3", params: 3, qubits: 1 }, p: { gate: "p", params: 1, qubits: 1 },
  cx: { gate: "cx", params: 0, qubits: 2 }, id: { gate: "id", params: 0, qubits: 1 },
  x: { gate: "x", params: 0, qubits: 1 }, y: { gate: "y", params: 0, qubits: 1 }, z: { gate: "z", params: 0, qubits: 1 },
  h: { gate: "h", params: 0, qubits: 1 }, s: { gate: "s", params: 0, qubits: 1 }, sdg: { gate: "sdg", params: 0, qubits: 1 },
  t: { gate: "t", params: 0, qubits: 1 }, tdg: { gate: "tdg", params: 0, qubits: 1 },
  rx: { gate: "rx", params: 1, qubits: 1 }, ry: { gate: "ry", params: 1, qubits: 1 }, rz: { gate: "rz", params: 1, qubits: 1 },
  sx: { gate: "sx", params: 0, qubits: 1 }, sxdg: { gate: "sxdg", params: 0, qubits: 1 },
  cz: { gate: "cz", params: 0, qubits: 2 }, cy: { gate: "cy", params: 0, qubits: 2 }, swap: { gate: "swap", params: 0, qubits: 2 },
  ch: { gate: "ch", params: 0, qubits: 2 }, ccx: { gate: "ccx", params: 0, qubits: 3 }, cswap: { gate: "cswap", params: 0, qubits: 3 },
  crx: { gate: "crx", params: 1, qubits: 2 }, cry: { gate: "cry", params: 1, qubits: 2 }, crz: { gate: "crz", params: 1, qubits: 2 },
  cu1: { gate: "cp", params: 1, qubits: 2 }, cp: { gate: "cp", params: 1, qubits: 2 }, cu3: { gate: "cu3", params: 3, qubits: 2 },
  csx: { gate: "csx", params: 0, qubits: 2 }, cu: { gate: "cu", params: 4, qubits: 2 },
  rxx: { gate: "rxx", params: 1, qubits: 2 }, rzz: { gate: "rzz", params: 1, qubits: 2 },
  // Multi-controlled X: the last qubit is the target.
  c3x: { gate: "x", params: 0, qubits: 4, controls: 3 }, c4x: { gate: "x", params: 0, qubits: 5, controls: 4 },
};

/** qelib1 gates kept as their published decompositions (relative-phase Toffolis, C3-√X, u0). */
export const QELIB1_DEFINED = `
gate u0(gamma) q { U(0,0,0) q; }
gate rccx a,b,c {
  u2(0,pi) c; u1(pi/4) c; cx b,c; u1(-pi/4) c; cx a,c; u1(pi/4) c; cx b,c; u1(-pi/4) c; u2(0,pi) c;
}
gate rc3x a,b,c,d {
  u2(0,pi) d; u1(pi/4) d; cx c,d; u1(-pi/4) d; u2(0,pi) d; cx a,d; u1(pi/4) d; cx b,d; u1(-pi/4) d; cx a,d;
  u1(pi/4) d; cx b,d; u1(-pi/4) d; u2(0,pi) d; u1(pi/4) d; cx c,d; u1(-pi/4) d; u2(0,pi) d;
}
gate c3sqrtx a,b,c,d {
  h d; cu1(-pi/8) a,d; h d; cx a,b; h d; cu1(pi/8) b,d; h d; cx a,b; h d; cu1(-pi/8) b,d; h d;
  cx b,c; h d; cu1(pi/8) c,d; h d; cx a,c; h d; cu1(-pi/8) c,d; h d; cx b,c; h d; cu1(pi/8) c,d; h d;
  cx a,c; h d; cu1(-pi/8) c,d; h d;
}
`;
