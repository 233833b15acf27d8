// Quadratic unconstrained binary optimisation: minimise f(x) = Σ_i a_i x_i + Σ_{i<j} b_ij x_i x_j
// + c over x ∈ {0,1}^n. Bit i of a basis index is x_i (qubit i, as the engine numbers them).
// The exact optimum by enumeration (n ≤ 20: a million evaluations, incrementally), and the Ising
// form a QAOA circuit needs (x_i = (1 − Z_i)/2).

export interface Qubo {
  n: number;
  linear: number[];
  /** Upper triangle, row-major n×n (b_ij for i < j; the rest ignored). */
  quadratic: number[];
  constant: number;
}

export interface Ising {
  /** f = offset + Σ h_i Z_i + Σ_{i<j} J_ij Z_i Z_j. */
  h: number[];
  /** Couplings with a non-zero weight. */
  couplings: { i: number; j: number; weight: number }[];
  offset: number;
}

/** Most variables enumerate() takes (2^20 states). */
export const MAX_ENUMERATED = 20;

export function quboValue(q: Qubo, x: ArrayLike<number>): number {
  let f = q.constant;
  for (let i = 0; i < q.n; i++) {
    if (!x[i]) continue;
    f += q.linear[i]!;
    for (let j = i + 1; j < q.n; j++) if (x[j]) f += q.quadratic[i * q.n + j]!;
  }
  return f;
}

/** f at every basis index (2^n values), in Gray-code order so each costs O(n). */
export function quboDiagonal(q: Qubo): Float64Array {
  if (q.n > MAX_ENUMERATED) throw new Error(`enumerating ${q.n} variables needs 2^${q.n} states; at most ${MAX_ENUMERATED}`);
  const N = 2 ** q.n;
  const values = new Float64Array(N);
  const x = new Uint8Array(q.n);
  let index = 0, f = q.constant;
  values[0] = f;
  for (let k = 1; k < N; k++) {
    const i = 31 - Math.clz32(k & -k); // the bit Gray code flips at step k
    let delta = q.linear[i]!;
    for (let j = 0; j < q.n; j++) if (j !== i && x[j]) delta += q.quadratic[Math.min(i, j) * q.n + Math.max(i, j)]!;
    x[i] = x[i]! ^ 1;
    f += x[i] ? delta : -delta;
    index ^= 1 << i;
    values[index] = f;
  }
  return values;
}

export function toIsing(q: Qubo): Ising {
  const h = q.linear.map((a) => -a / 2);
  let offset = q.constant + q.linear.reduce((s, a) => s + a / 2, 0);
  const couplings: Ising["couplings"] = [];
  for (let i = 0; i < q.n; i++) {
    for (let j = i + 1; j < q.n; j++) {
      const b = q.quadratic[i * q.n + j]!;
      if (b === 0) continue;
      offset += b / 4;
      h[i]! -= b / 4;
      h[j]! -= b / 4;
      couplings.push({ i, j, weight: b / 4 });
    }
  }
  return { h, couplings, offset };
}

/** The bits of a basis index, x_0 first. */
export function bitsOf(index: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (index >> i) & 1);
}
