// Noise models: what goes wrong after each gate, and when a qubit is read. Channels are the
// standard single-qubit ones (Nielsen & Chuang §8.3), applied after every matching gate to each
// qubit that gate touches (its targets and controls); readout errors flip a measured bit.
//  - depolarizing(p):     ρ → (1 − p)·ρ + p·I/2 (Qiskit's depolarizing_error(p, 1))
//  - amplitudeDamping(γ): |1⟩ decays to |0⟩ with probability γ (T1)
//  - phaseDamping(λ):     coherences shrink by √(1 − λ) (pure dephasing, T2)
import { CoreError } from "../errors.ts";
import type { Matrix } from "../gates/matrix.ts";

export type NoiseChannel =
  | { kind: "depolarizing"; probability: number }
  | { kind: "amplitudeDamping"; gamma: number }
  | { kind: "phaseDamping"; lambda: number };

export interface GateNoise {
  channel: NoiseChannel;
  /** Gate names it follows (canonical, e.g. "cx"); absent: every gate. */
  gates?: readonly string[];
  /** Qubits it acts on; absent: every qubit. */
  qubits?: readonly number[];
}

export interface ReadoutError {
  /** P(read 1 | the qubit is 0) and P(read 0 | it is 1). */
  p01: number;
  p10: number;
  /** Absent: every qubit. */
  qubits?: readonly number[];
}

export interface NoiseModel {
  gates: readonly GateNoise[];
  readout: readonly ReadoutError[];
}

/** A channel's Kraus operators (2×2, interleaved complex), and whether they are scaled unitaries (their odds then do not depend on the state). */
export function krausOperators(channel: NoiseChannel): { operators: Matrix[]; mixedUnitary: boolean } {
  const m = (a: number, b: number, c: number, d: number, ai = 0, bi = 0, ci = 0, di = 0) => Float64Array.of(a, ai, b, bi, c, ci, d, di);
  switch (channel.kind) {
    case "depolarizing": {
      const p = probability(channel.probability, "depolarizing probability");
      const s = Math.sqrt(p / 4);
      return { operators: [m(Math.sqrt(1 - (3 * p) / 4), 0, 0, Math.sqrt(1 - (3 * p) / 4)), m(0, s, s, 0), m(0, 0, 0, 0, 0, -s, s, 0), m(s, 0, 0, -s)], mixedUnitary: true };
    }
    case "amplitudeDamping": {
      const g = probability(channel.gamma, "amplitude damping γ");
      return { operators: [m(1, 0, 0, Math.sqrt(1 - g)), m(0, Math.sqrt(g), 0, 0)], mixedUnitary: false };
    }
    case "phaseDamping": {
      const l = probability(channel.lambda, "phase damping λ");
      return { operators: [m(1, 0, 0, Math.sqrt(1 - l)), m(0, 0, 0, Math.sqrt(l))], mixedUnitary: false };
    }
  }
}

/** The noise that follows one gate: each matching channel on each of its qubits that matches. */
export function noiseAfter(model: NoiseModel, gate: string, qubits: readonly number[]): { qubit: number; channel: NoiseChannel }[] {
  const out: { qubit: number; channel: NoiseChannel }[] = [];
  for (const rule of model.gates) {
    if (rule.gates && !rule.gates.includes(gate)) continue;
    for (const q of qubits) if (!rule.qubits || rule.qubits.includes(q)) out.push({ qubit: q, channel: rule.channel });
  }
  return out;
}

/** Each qubit's readout confusion [P(1|0), P(0|1)], every matching rule composed in order. */
export function readoutConfusion(model: NoiseModel, numQubits: number): [number, number][] {
  return Array.from({ length: numQubits }, (_, q) => {
    let p01 = 0, p10 = 0;
    for (const rule of model.readout) {
      if (rule.qubits && !rule.qubits.includes(q)) continue;
      const a = probability(rule.p01, "readout p01"), b = probability(rule.p10, "readout p10");
      // Two flips in a row: read 1 from 0 if exactly one of them flips it.
      [p01, p10] = [p01 * (1 - b) + (1 - p01) * a, p10 * (1 - a) + (1 - p10) * b];
    }
    return [p01, p10];
  });
}

/** Probabilities over basis states as read out: each qubit's bit flipped by its confusion. */
export function applyReadout(probabilities: Float64Array, confusion: readonly [number, number][]): Float64Array {
  let p = probabilities;
  confusion.forEach(([p01, p10], q) => {
    if (p01 === 0 && p10 === 0) return;
    const next = new Float64Array(p.length), bit = 1 << q;
    for (let i = 0; i < p.length; i++) {
      if (i & bit) continue;
      const zero = p[i]!, one = p[i | bit]!;
      next[i] = zero * (1 - p01) + one * p10;
      next[i | bit] = zero * p01 + one * (1 - p10);
    }
    p = next;
  });
  return p;
}

export function isNoiseless(model: NoiseModel | undefined): boolean {
  return !model || (model.gates.length === 0 && model.readout.every((r) => r.p01 === 0 && r.p10 === 0));
}

function probability(x: number, what: string): number {
  if (!(x >= 0 && x <= 1)) throw new CoreError("CIRCUIT_INVALID", `${what} must be between 0 and 1, got ${x}`);
  return x;
}
