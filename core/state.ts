// A statevector: 2^n complex amplitudes as two Float64Arrays (real and imaginary parts).
// Amplitude index bit i is qubit i (Qiskit's little-endian order): index 1 is |0…01⟩ = qubit 0 set.
import { CoreError } from "./errors.ts";
import { allocateAmplitudes } from "./kernels/simd/memory.ts";

/** Default largest state the engine allocates: 2^24 amplitudes = 256 MiB. */
export const DEFAULT_MAX_QUBITS = 24;

export class StateVector {
  constructor(
    readonly numQubits: number,
    readonly re: Float64Array,
    readonly im: Float64Array,
  ) {}

  /** |0…0⟩ on n qubits; refuses n beyond maxQubits (default 24, raise it where memory allows). */
  static zero(numQubits: number, maxQubits = DEFAULT_MAX_QUBITS): StateVector {
    checkQubits(numQubits, maxQubits);
    const { re, im } = allocateAmplitudes(2 ** numQubits);
    re[0] = 1;
    return new StateVector(numQubits, re, im);
  }

  static fromAmplitudes(re: ArrayLike<number>, im: ArrayLike<number>): StateVector {
    const n = Math.log2(re.length);
    if (!Number.isInteger(n) || im.length !== re.length) throw new CoreError("CIRCUIT_INVALID", `a state needs 2^n real and imaginary parts, got ${re.length} and ${im.length}`);
    const state = StateVector.empty(n);
    state.re.set(re);
    state.im.set(im);
    return state;
  }

  /** All amplitudes 0 (not a valid state until written): the arrays for a copy or a workspace. */
  static empty(numQubits: number): StateVector {
    const { re, im } = allocateAmplitudes(2 ** numQubits);
    return new StateVector(numQubits, re, im);
  }

  get size(): number {
    return this.re.length;
  }

  clone(): StateVector {
    const copy = StateVector.empty(this.numQubits);
    copy.copyFrom(this);
    return copy;
  }

  copyFrom(other: StateVector): void {
    this.re.set(other.re);
    this.im.set(other.im);
  }

  /** Σ|a_i|²: 1 for a normalised state. */
  norm(): number {
    let sum = 0;
    for (let i = 0; i < this.re.length; i++) sum += this.re[i]! * this.re[i]! + this.im[i]! * this.im[i]!;
    return sum;
  }

  probabilities(): Float64Array {
    const p = new Float64Array(this.re.length);
    for (let i = 0; i < p.length; i++) p[i] = this.re[i]! * this.re[i]! + this.im[i]! * this.im[i]!;
    return p;
  }

  /** ⟨this|other⟩ as [re, im]. */
  inner(other: StateVector): [number, number] {
    let sr = 0, si = 0;
    for (let i = 0; i < this.re.length; i++) {
      const ar = this.re[i]!, ai = -this.im[i]!, br = other.re[i]!, bi = other.im[i]!;
      sr += ar * br - ai * bi;
      si += ar * bi + ai * br;
    }
    return [sr, si];
  }
}

export function checkQubits(numQubits: number, maxQubits: number): void {
  if (!Number.isInteger(numQubits) || numQubits < 0) throw new CoreError("CIRCUIT_INVALID", `qubit count must be a non-negative integer, got ${numQubits}`);
  if (numQubits > maxQubits) {
    throw new CoreError("LIMIT_EXCEEDED", `${numQubits} qubits need ${formatBytes(2 ** numQubits * 16)} of statevector; the limit is ${maxQubits} qubits`);
  }
}

function formatBytes(bytes: number): string {
  const units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB"];
  let value = bytes, unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toPrecision(3))} ${units[unit]}`;
}
