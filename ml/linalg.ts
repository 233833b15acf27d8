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
