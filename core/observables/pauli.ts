// Observables as real-weighted sums of Pauli strings, e.g. "0.5*Z0 Z1 + X2 - 1.5" or Qiskit-style
// labels "0.5*ZZI" (rightmost letter = qubit 0). A term acts on basis states as
//   P|j⟩ = i^{nY} (−1)^{popcount(j & zy)} |j ⊕ xy⟩,  with xy = X|Y qubits and zy = Z|Y qubits.
import { CoreError } from "../errors.ts";

export interface PauliTerm {
  readonly coefficient: number;
  /** Qubits carrying X or Y (bits flipped). */
  readonly flipMask: number;
  /** Qubits carrying Z or Y (sign from the bit). */
  readonly phaseMask: number;
  /** Number of Y factors (each contributes a factor i). */
  readonly yCount: number;
  /** e.g. "Z0 Z1", "" for the identity. */
  readonly label: string;
}

export class PauliSum {
  constructor(readonly terms: readonly PauliTerm[]) {}

  /** Smallest number of qubits the observable needs. */
  get numQubits(): number {
    let mask = 0;
    for (const t of this.terms) mask |= t.flipMask | t.phaseMask;
    return mask === 0 ? 0 : 32 - Math.clz32(mask);
  }

  static parse(text: string): PauliSum {
    return parsePauliSum(text);
  }

  /** A single Pauli string on the given qubits: PauliSum.term("ZZ", [0, 1]). */
  static term(paulis: string, qubits: readonly number[], coefficient = 1): PauliSum {
    if (paulis.length !== qubits.length) throw new CoreError("OBSERVABLE_SYNTAX", `${paulis.length} Pauli letters for ${qubits.length} qubits`);
    return new PauliSum([makeTerm(coefficient, [...paulis].map((p, k) => [p, qubits[k]!] as const))]);
  }

  toString(): string {
    if (this.terms.length === 0) return "0";
    return this.terms
      .map((t, k) => {
        const c = t.coefficient;
        const sign = c < 0 ? (k ? " - " : "-") : k ? " + " : "";
        const magnitude = Math.abs(c);
        if (!t.label) return `${sign}${magnitude}`;
        return `${sign}${magnitude === 1 ? "" : `${magnitude}*`}${t.label}`;
      })
      .join("");
  }
}

function makeTerm(coefficient: number, factors: readonly (readonly [string, number])[]): PauliTerm {
  let flipMask = 0, phaseMask = 0, yCount = 0;
  const seen = new Set<number>();
  const parts: string[] = [];
  for (const [pauli, qubit] of [...factors].sort((a, b) => a[1] - b[1])) {
    if (pauli === "I") continue;
    if (seen.has(qubit)) throw new CoreError("OBSERVABLE_SYNTAX", `qubit ${qubit} appears twice in one term`);
    if (qubit > 30) throw new CoreError("OBSERVABLE_SYNTAX", `qubit ${qubit} is beyond the largest supported index (30)`);
    seen.add(qubit);
    const bit = 1 << qubit;
    if (pauli === "X" || pauli === "Y") flipMask |= bit;
    if (pauli === "Z" || pauli === "Y") phaseMask |= bit;
    if (pauli === "Y") yCount++;
    parts.push(`${pauli}${qubit}`);
  }
  return { coefficient, flipMask, phaseMask, yCount, label: parts.join(" ") };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

function parsePauliSum(text: string): PauliSum {
  const source = text.trim();
  if (!source) throw new CoreError("OBSERVABLE_SYNTAX", "empty observable: expected terms like \"0.5*Z0 Z1 + X2\"");
  // Split into signed terms at + or − that are not part of an exponent (1e-3).
  const terms: PauliTerm[] = [];
  const pieces = source.replace(/([^eE\s])\s*([+-])/g, "$1\u0000$2").split("\u0000");
  for (const piece of pieces) {
    const term = piece.replace(/\s+/g, " ").trim();
    if (!term) throw new CoreError("OBSERVABLE_SYNTAX", `empty term in "${text}"`);
    let sign = 1;
    let rest = term;
    while (rest.startsWith("+") || rest.startsWith("-")) {
      if (rest.startsWith("-")) sign = -sign;
      rest = rest.slice(1).trim();
    }
    if (!rest) throw new CoreError("OBSERVABLE_SYNTAX", `a sign with no term after it in "${text}"`);
    const tokens = rest.split(/[\s*]+/).filter(Boolean);
    let coefficient = sign;
    const factors: [string, number][] = [];
    for (const token of tokens) {
      if (NUMBER.test(token)) {
        coefficient *= Number(token);
      } else if (/^[IXYZ]\d+$/i.test(token)) {
        factors.push([token[0]!.toUpperCase(), Number(token.slice(1))]);
      } else if (/^[IXYZ]+$/.test(token)) {
        // Qiskit label: rightmost letter is qubit 0.
        [...token].reverse().forEach((p, q) => factors.push([p, q]));
      } else {
        throw new CoreError("OBSERVABLE_SYNTAX", `"${token}" in "${term}" is neither a number nor a Pauli factor (X0, Y1, Z2, I3) or label (ZZI)`);
      }
    }
    if (!Number.isFinite(coefficient)) throw new CoreError("OBSERVABLE_SYNTAX", `coefficient of "${term}" is not finite`);
    terms.push(makeTerm(coefficient, factors));
  }
  return new PauliSum(terms);
}

/** i^k as [re, im]. */
function iPower(k: number): [number, number] {
  return [[1, 0], [0, 1], [-1, 0], [0, -1]][k & 3] as [number, number];
}

function parity(x: number): number {
  x ^= x >>> 16;
  x ^= x >>> 8;
  x ^= x >>> 4;
  x ^= x >>> 2;
  x ^= x >>> 1;
  return x & 1;
}

/**
 * ⟨ψ|O|ψ⟩ for each element of a block of states (layout i*block + b), without copying the state.
 * Returns one value per element.
 */
export function expectationBlock(re: Float64Array, im: Float64Array, block: number, observable: PauliSum, out = new Float64Array(block)): Float64Array {
  out.fill(0);
  const size = re.length / block;
  for (const term of observable.terms) {
    const { coefficient, flipMask, phaseMask } = term;
    if (flipMask >= size || phaseMask >= size) throw new CoreError("OBSERVABLE_SYNTAX", `term ${term.label} acts on a qubit the circuit does not have`);
    const [pr, pi] = iPower(term.yCount);
    for (let j = 0; j < size; j++) {
      const sign = parity(j & phaseMask) ? -coefficient : coefficient;
      const k = j ^ flipMask;
      // conj(ψ_k)·i^{nY}·sign·ψ_j; only the real part survives the sum for a Hermitian term.
      for (let b = 0; b < block; b++) {
        const jr = re[j * block + b]!, ji = im[j * block + b]!, kr = re[k * block + b]!, ki = im[k * block + b]!;
        const zr = kr * jr + ki * ji; // Re(conj(ψ_k) ψ_j)
        const zi = kr * ji - ki * jr; // Im(conj(ψ_k) ψ_j)
        out[b]! += sign * (pr * zr - pi * zi);
      }
    }
  }
  return out;
}

export function expectation(re: Float64Array, im: Float64Array, observable: PauliSum): number {
  return expectationBlock(re, im, 1, observable)[0]!;
}

/**
 * Tr(ρ·O) for an n-qubit density matrix held as a vector (ρ[r][c] at index r + 2^n·c): for each
 * term, Σ_j c_j·ρ[j][j ⊕ flip], where P|j⟩ = c_j|j ⊕ flip⟩ as in expectationBlock.
 */
export function densityExpectation(re: Float64Array, im: Float64Array, numQubits: number, observable: PauliSum): number {
  const dim = 2 ** numQubits;
  let total = 0;
  for (const term of observable.terms) {
    if (term.flipMask >= dim || term.phaseMask >= dim) throw new CoreError("OBSERVABLE_SYNTAX", `term ${term.label} acts on a qubit the circuit does not have`);
    const [pr, pi] = iPower(term.yCount);
    for (let j = 0; j < dim; j++) {
      const sign = parity(j & term.phaseMask) ? -term.coefficient : term.coefficient;
      const index = j + dim * (j ^ term.flipMask);
      total += sign * (pr * re[index]! - pi * im[index]!);
    }
  }
  return total;
}

/**
 * out = Σ w_b·O|ψ_b⟩ for a block (weights per element; default 1). Used by the adjoint method,
 * where the weights carry ∂loss/∂⟨O⟩ of each element.
 */
export function applyObservableBlock(re: Float64Array, im: Float64Array, block: number, observable: PauliSum, outRe: Float64Array, outIm: Float64Array, weights?: Float64Array): void {
  outRe.fill(0);
  outIm.fill(0);
  const size = re.length / block;
  for (const term of observable.terms) {
    const [pr, pi] = iPower(term.yCount);
    for (let j = 0; j < size; j++) {
      const sign = parity(j & term.phaseMask) ? -term.coefficient : term.coefficient;
      const k = j ^ term.flipMask; // P|j⟩ lands on |k⟩
      for (let b = 0; b < block; b++) {
        const w = weights ? weights[b]! * sign : sign;
        const jr = re[j * block + b]!, ji = im[j * block + b]!;
        outRe[k * block + b]! += w * (pr * jr - pi * ji);
        outIm[k * block + b]! += w * (pr * ji + pi * jr);
      }
    }
  }
}
