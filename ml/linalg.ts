// The little dense linear algebra the models need: Cholesky solves for kernel ridge and ridge regression.

/**
 * Solves A·X = B for symmetric positive-definite A (n×n, row-major) and B (n×m, row-major) by
 * Cholesky factorisation. Throws when A is not positive definite.
 */
export function choleskySolve(a: Float64Array, n: number, b: Float64Array, m: number): Float64Array {
  const L = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * n + j]!;
      for (let k = 0; k < j; k++) sum -= L[i * n + k]! * L[j * n + k]!;
      if (i === j) {
        if (!(sum > 0)) throw new Error("matrix is not positive definite (raise the regularisation)");
        L[i * n + i] = Math.sqrt(sum);
      } else {
        L[i * n + j] = sum / L[j * n + j]!;
      }
    }
  }
  const x = Float64Array.from(b);
  for (let c = 0; c < m; c++) {
    for (let i = 0; i < n; i++) {
      let sum = x[i * m + c]!;
      for (let k = 0; k < i; k++) sum -= L[i * n + k]! * x[k * m + c]!;
      x[i * m + c] = sum / L[i * n + i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let sum = x[i * m + c]!;
      for (let k = i + 1; k < n; k++) sum -= L[k * n + i]! * x[k * m + c]!;
      x[i * m + c] = sum / L[i * n + i]!;
    }
  }
  return x;
}

/**
 * Eigen-decomposition of a symmetric matrix (n×n, row-major) by cyclic Jacobi rotations: small
 * matrices only (feature covariances, n ≤ 64), exact to rounding. Eigenvalues descending; vectors
 * are the rows of `vectors`, each signed so its largest entry is positive (a deterministic choice).
 */
export function symmetricEigen(matrix: Float64Array, n: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(matrix);
  const v = new Float64Array(n * n);
  for (let i = 0; i < n; i++) v[i * n + i] = 1;
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0, total = 0;
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        if (i === j) total += a[i * n + j]! ** 2;
        else off += a[i * n + j]! ** 2;
      }
    }
    if (off <= 1e-30 * (total + off) || off === 0) break;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = a[p * n + q]!;
        if (apq === 0) continue;
        const theta = (a[q * n + q]! - a[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1), s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = a[k * n + p]!, akq = a[k * n + q]!;
          a[k * n + p] = c * akp - s * akq;
          a[k * n + q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = a[p * n + k]!, aqk = a[q * n + k]!;
          a[p * n + k] = c * apk - s * aqk;
          a[q * n + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < n; k++) {
          const vkp = v[k * n + p]!, vkq = v[k * n + q]!;
          v[k * n + p] = c * vkp - s * vkq;
          v[k * n + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const order = Array.from({ length: n }, (_, i) => i).sort((x, y) => a[y * n + y]! - a[x * n + x]! || x - y);
  const values = new Float64Array(n), vectors = new Float64Array(n * n);
  order.forEach((col, r) => {
    values[r] = a[col * n + col]!;
    let largest = 0;
    for (let k = 0; k < n; k++) if (Math.abs(v[k * n + col]!) > Math.abs(largest)) largest = v[k * n + col]!;
    const sign = largest < 0 ? -1 : 1;
    for (let k = 0; k < n; k++) vectors[r * n + k] = sign * v[k * n + col]!;
  });
  return { values, vectors };
}
