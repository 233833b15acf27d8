// Small dense complex matrices: row-major, interleaved (re, im), dimension 2^k.
// Local basis index bit j belongs to the operation's j-th qubit (Qiskit's little-endian order).

export type Matrix = Float64Array;

export function dimensionOf(matrix: Matrix): number {
  return Math.round(Math.sqrt(matrix.length / 2));
}

export function identity(dimension: number): Matrix {
  const m = new Float64Array(2 * dimension * dimension);
  for (let i = 0; i < dimension; i++) m[2 * (i * dimension + i)] = 1;
  return m;
}

/** 2×2 from entries given as [re, im] pairs, row by row. */
export function m2(a: Complex, b: Complex, c: Complex, d: Complex): Matrix {
  return Float64Array.of(a[0], a[1], b[0], b[1], c[0], c[1], d[0], d[1]);
}

export function diagonal(...entries: Complex[]): Matrix {
  const d = entries.length;
  const m = new Float64Array(2 * d * d);
  entries.forEach(([re, im], i) => {
    m[2 * (i * d + i)] = re;
    m[2 * (i * d + i) + 1] = im;
  });
  return m;
}

export type Complex = readonly [number, number];
export const cis = (phi: number): Complex => [Math.cos(phi), Math.sin(phi)];
export const ZERO: Complex = [0, 0];
export const ONE: Complex = [1, 0];

/** a · b (apply b first, then a). */
export function multiply(a: Matrix, b: Matrix): Matrix {
  const d = dimensionOf(a);
  const out = new Float64Array(a.length);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      let re = 0;
      let im = 0;
      for (let k = 0; k < d; k++) {
        const ar = a[2 * (r * d + k)]!, ai = a[2 * (r * d + k) + 1]!;
        const br = b[2 * (k * d + c)]!, bi = b[2 * (k * d + c) + 1]!;
        re += ar * br - ai * bi;
        im += ar * bi + ai * br;
      }
      out[2 * (r * d + c)] = re;
      out[2 * (r * d + c) + 1] = im;
    }
  }
  return out;
}

export function scale(matrix: Matrix, re: number, im = 0): Matrix {
  const out = new Float64Array(matrix.length);
  for (let i = 0; i < matrix.length; i += 2) {
    out[i] = matrix[i]! * re - matrix[i + 1]! * im;
    out[i + 1] = matrix[i]! * im + matrix[i + 1]! * re;
  }
  return out;
}

export function adjoint(matrix: Matrix): Matrix {
  const d = dimensionOf(matrix);
  const out = new Float64Array(matrix.length);
  for (let r = 0; r < d; r++) {
    for (let c = 0; c < d; c++) {
      out[2 * (c * d + r)] = matrix[2 * (r * d + c)]!;
      out[2 * (c * d + r) + 1] = -matrix[2 * (r * d + c) + 1]!;
    }
  }
  return out;
}

/**
 * The (2^c·d)-dimensional matrix applying `u` to the upper qubits when the `controls` lowest local
 * qubits are all 1. With `derivativeOnly`, the identity blocks are zero (the derivative of a
 * controlled gate is zero where it acts as the identity).
 */
export function controlled(u: Matrix, controls = 1, derivativeOnly = false): Matrix {
  const d = dimensionOf(u);
  const cdim = 1 << controls;
  const dim = d * cdim;
  const out = new Float64Array(2 * dim * dim);
  const on = cdim - 1;
  for (let r = 0; r < dim; r++) {
    if ((r & on) !== on) {
      if (!derivativeOnly) out[2 * (r * dim + r)] = 1;
      continue;
    }
    for (let c = 0; c < dim; c++) {
      if ((c & on) !== on) continue;
      const ur = r >> controls, uc = c >> controls;
      out[2 * (r * dim + c)] = u[2 * (ur * d + uc)]!;
      out[2 * (r * dim + c) + 1] = u[2 * (ur * d + uc) + 1]!;
    }
  }
  return out;
}

/** Largest |(M M†) − I| entry: 0 for an exactly unitary matrix. */
export function unitarityError(matrix: Matrix): number {
  const product = multiply(matrix, adjoint(matrix));
  const id = identity(dimensionOf(matrix));
  let worst = 0;
  for (let i = 0; i < product.length; i++) worst = Math.max(worst, Math.abs(product[i]! - id[i]!));
  return worst;
}

export function isDiagonal(matrix: Matrix): boolean {
  const d = dimensionOf(matrix);
  for (let r = 0; r < d; r++) for (let c = 0; c < d; c++) if (r !== c && (matrix[2 * (r * d + c)] !== 0 || matrix[2 * (r * d + c) + 1] !== 0)) return false;
  return true;
}
