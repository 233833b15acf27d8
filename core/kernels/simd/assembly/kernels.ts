// SIMD statevector kernels (AssemblyScript → WebAssembly, f64x2). They mirror the JavaScript
// kernels of ../uniform.ts, which stay the reference: test/core/simd-kernels.test.ts runs both.
// Arguments: byte addresses of the real and imaginary arrays in the imported memory, the number
// of amplitudes, strides in amplitudes (block << qubit), matrix entries as scalars (no copies).
// A loop reads two amplitudes at once (one v128 of each array), so every stride it is given is
// even; the callers (../uniform.ts) check that before choosing a kernel.

// AssemblyScript, not TypeScript (tsc and eslint skip this folder): npm run build:wasm compiles it.
// Sums run in the JavaScript kernels' order, so both give the same bits, not merely close ones.

/** Re(x·a + y·b) for complex x, y (splatted matrix entries) and a, b: ((xr·ar − xi·ai) + yr·br) − yi·bi. */
@inline function rowRe(xr: v128, xi: v128, yr: v128, yi: v128, ar: v128, ai: v128, br: v128, bi: v128): v128 {
  return f64x2.sub(f64x2.add(f64x2.sub(f64x2.mul(xr, ar), f64x2.mul(xi, ai)), f64x2.mul(yr, br)), f64x2.mul(yi, bi));
}

/** Im(x·a + y·b): ((xr·ai + xi·ar) + yr·bi) + yi·br. */
@inline function rowIm(xr: v128, xi: v128, yr: v128, yi: v128, ar: v128, ai: v128, br: v128, bi: v128): v128 {
  return f64x2.add(f64x2.add(f64x2.add(f64x2.mul(xr, ai), f64x2.mul(xi, ar)), f64x2.mul(yr, bi)), f64x2.mul(yi, br));
}

/** The 2×2 (splatted entries a..) on two pairs at once: amplitudes at byte addresses pr, pi and s further on. */
@inline function pair(pr: usize, pi: usize, s: usize, a00r: v128, a00i: v128, a01r: v128, a01i: v128, a10r: v128, a10i: v128, a11r: v128, a11i: v128): void {
  const ar = v128.load(pr), ai = v128.load(pi), br = v128.load(pr + s), bi = v128.load(pi + s);
  v128.store(pr, rowRe(a00r, a00i, a01r, a01i, ar, ai, br, bi));
  v128.store(pi, rowIm(a00r, a00i, a01r, a01i, ar, ai, br, bi));
  v128.store(pr + s, rowRe(a10r, a10i, a11r, a11i, ar, ai, br, bi));
  v128.store(pi + s, rowIm(a10r, a10i, a11r, a11i, ar, ai, br, bi));
}

/** A general 2×2 on the pairs (i, i + stride) of [0, size): stride ≥ 2. */
export function apply1(re: usize, im: usize, size: i32, stride: i32, m00r: f64, m00i: f64, m01r: f64, m01i: f64, m10r: f64, m10i: f64, m11r: f64, m11i: f64): void {
  const a00r = f64x2.splat(m00r), a00i = f64x2.splat(m00i), a01r = f64x2.splat(m01r), a01i = f64x2.splat(m01i);
  const a10r = f64x2.splat(m10r), a10i = f64x2.splat(m10i), a11r = f64x2.splat(m11r), a11i = f64x2.splat(m11i);
  const s = (<usize>stride) << 3, end = (<usize>size) << 3;
  for (let base: usize = 0; base < end; base += s << 1) {
    const stop = base + s;
    for (let o = base; o < stop; o += 16) {
      pair(re + o, im + o, s, a00r, a00i, a01r, a01i, a10r, a10i, a11r, a11i);
    }
  }
}

/**
 * Batched states (amplitude i of element b at i·block + b), element b with its own 2×2: entry k
 * of b's matrix at mats + 8·(k·block + b) (entry-major, so two elements' entries load as one
 * vector). Pairs (i, i + stride), stride = block << qubit; block even.
 */
export function apply1Each(re: usize, im: usize, size: i32, block: i32, stride: i32, mats: usize): void {
  const s = (<usize>stride) << 3, end = (<usize>size) << 3, row = (<usize>block) << 3;
  for (let base: usize = 0; base < end; base += s << 1) {
    const stop = base + s;
    for (let r = base; r < stop; r += row) {
      for (let b: usize = 0; b < row; b += 16) {
        const m = mats + b;
        const a00r = v128.load(m), a00i = v128.load(m + row), a01r = v128.load(m + 2 * row), a01i = v128.load(m + 3 * row);
        const a10r = v128.load(m + 4 * row), a10i = v128.load(m + 5 * row), a11r = v128.load(m + 6 * row), a11i = v128.load(m + 7 * row);
        pair(re + r + b, im + r + b, s, a00r, a00i, a01r, a01i, a10r, a10i, a11r, a11i);
      }
    }
  }
}

/** A real 2×2 (h, ry, x as a matrix) on the pairs (i, i + stride): stride ≥ 2. */
export function apply1Real(re: usize, im: usize, size: i32, stride: i32, m00: f64, m01: f64, m10: f64, m11: f64): void {
  const a00 = f64x2.splat(m00), a01 = f64x2.splat(m01), a10 = f64x2.splat(m10), a11 = f64x2.splat(m11);
  const s = (<usize>stride) << 3, end = (<usize>size) << 3;
  for (let base: usize = 0; base < end; base += s << 1) {
    const stop = base + s;
    for (let o = base; o < stop; o += 16) {
      const pr = re + o, pi = im + o;
      const ar = v128.load(pr), ai = v128.load(pi), br = v128.load(pr + s), bi = v128.load(pi + s);
      v128.store(pr, f64x2.add(f64x2.mul(a00, ar), f64x2.mul(a01, br)));
      v128.store(pi, f64x2.add(f64x2.mul(a00, ai), f64x2.mul(a01, bi)));
      v128.store(pr + s, f64x2.add(f64x2.mul(a10, ar), f64x2.mul(a11, br)));
      v128.store(pi + s, f64x2.add(f64x2.mul(a10, ai), f64x2.mul(a11, bi)));
    }
  }
}

/** A general 2×2 on adjacent pairs (2k, 2k + 1): qubit 0 of a single state; two pairs per step. */
export function apply1Adjacent(re: usize, im: usize, size: i32, m00r: f64, m00i: f64, m01r: f64, m01i: f64, m10r: f64, m10i: f64, m11r: f64, m11i: f64): void {
  const a00r = f64x2.splat(m00r), a00i = f64x2.splat(m00i), a01r = f64x2.splat(m01r), a01i = f64x2.splat(m01i);
  const a10r = f64x2.splat(m10r), a10i = f64x2.splat(m10i), a11r = f64x2.splat(m11r), a11i = f64x2.splat(m11i);
  const end = (<usize>size) << 3;
  for (let o: usize = 0; o < end; o += 32) {
    const pr = re + o, pi = im + o;
    const r0 = v128.load(pr), r1 = v128.load(pr + 16), i0 = v128.load(pi), i1 = v128.load(pi + 16);
    // Lanes: a = even amplitudes of the two pairs, b = odd ones.
    const ar = v128.shuffle<f64>(r0, r1, 0, 2), br = v128.shuffle<f64>(r0, r1, 1, 3);
    const ai = v128.shuffle<f64>(i0, i1, 0, 2), bi = v128.shuffle<f64>(i0, i1, 1, 3);
    const nar = rowRe(a00r, a00i, a01r, a01i, ar, ai, br, bi), nai = rowIm(a00r, a00i, a01r, a01i, ar, ai, br, bi);
    const nbr = rowRe(a10r, a10i, a11r, a11i, ar, ai, br, bi), nbi = rowIm(a10r, a10i, a11r, a11i, ar, ai, br, bi);
    v128.store(pr, v128.shuffle<f64>(nar, nbr, 0, 2));
    v128.store(pr + 16, v128.shuffle<f64>(nar, nbr, 1, 3));
    v128.store(pi, v128.shuffle<f64>(nai, nbi, 0, 2));
    v128.store(pi + 16, v128.shuffle<f64>(nai, nbi, 1, 3));
  }
}

/** diag(d0, d1) on the pairs (i, i + stride): stride ≥ 2; the |0⟩ half untouched when skipZero. */
export function diagonal1(re: usize, im: usize, size: i32, stride: i32, d0r: f64, d0i: f64, d1r: f64, d1i: f64, skipZero: bool): void {
  const s = (<usize>stride) << 3, end = (<usize>size) << 3;
  if (!skipZero) phaseRuns(re, im, end, s << 1, s, 0, d0r, d0i);
  phaseRuns(re, im, end, s << 1, s, s, d1r, d1i);
}

/** diag(d0, d1) on adjacent pairs (qubit 0 of a single state): one multiply by [d0, d1] per vector. */
export function diagonal1Adjacent(re: usize, im: usize, size: i32, d0r: f64, d0i: f64, d1r: f64, d1i: f64, skipZero: bool): void {
  const dr = f64x2.replace_lane(f64x2.splat(d0r), 1, d1r), di = f64x2.replace_lane(f64x2.splat(d0i), 1, d1i);
  const end = (<usize>size) << 3;
  for (let o: usize = 0; o < end; o += 16) {
    const ar = v128.load(re + o), ai = v128.load(im + o);
    let nr = f64x2.sub(f64x2.mul(dr, ar), f64x2.mul(di, ai)), ni = f64x2.add(f64x2.mul(dr, ai), f64x2.mul(di, ar));
    if (skipZero) {
      // Keep the even amplitudes as they were: × (1 + 0i) would turn −0 into 0.
      nr = v128.shuffle<f64>(ar, nr, 0, 3);
      ni = v128.shuffle<f64>(ai, ni, 0, 3);
    }
    v128.store(re + o, nr);
    v128.store(im + o, ni);
  }
}

/**
 * A phase on the amplitudes where a control bit and the target bit are both 1 (cp, cz, cs):
 * control and offset are distinct strides ≥ 2 (the runs of set bits are at least two long).
 */
export function phaseControlled(re: usize, im: usize, size: i32, control: i32, offset: i32, dr: f64, di: f64): void {
  const c = (<usize>control) << 3, t = (<usize>offset) << 3, end = (<usize>size) << 3;
  const lo = c < t ? c : t, hi = c < t ? t : c;
  for (let a: usize = 0; a < end; a += hi << 1) phaseRuns(re + a, im + a, hi << 1, lo << 1, lo, c + t, dr, di);
}

/** Multiplies by d every run [base + first, base + first + run) for base = 0, period, … < end (bytes). */
function phaseRuns(re: usize, im: usize, end: usize, period: usize, run: usize, first: usize, dr: f64, di: f64): void {
  const vr = f64x2.splat(dr), vi = f64x2.splat(di);
  for (let base: usize = first; base < end; base += period) {
    const stop = base + run;
    for (let o = base; o < stop; o += 16) {
      const ar = v128.load(re + o), ai = v128.load(im + o);
      v128.store(re + o, f64x2.sub(f64x2.mul(vr, ar), f64x2.mul(vi, ai)));
      v128.store(im + o, f64x2.add(f64x2.mul(vr, ai), f64x2.mul(vi, ar)));
    }
  }
}

/** NOT: swaps the halves of every pair (i, i + stride), stride ≥ 2. */
export function swapHalves(re: usize, im: usize, size: i32, stride: i32): void {
  const s = (<usize>stride) << 3, end = (<usize>size) << 3;
  swapRuns(re, end, s << 1, s, 0, s);
  swapRuns(im, end, s << 1, s, 0, s);
}

/** NOT on qubit 0 of a single state: swaps the two lanes of every vector. */
export function swapAdjacent(re: usize, im: usize, size: i32): void {
  const end = (<usize>size) << 3;
  for (let o: usize = 0; o < end; o += 16) {
    const r = v128.load(re + o), i = v128.load(im + o);
    v128.store(re + o, v128.shuffle<f64>(r, r, 1, 0));
    v128.store(im + o, v128.shuffle<f64>(i, i, 1, 0));
  }
}

/** cx: swaps i + control and i + control + offset where the control bit is 1; strides ≥ 2. */
export function swapControlled(re: usize, im: usize, size: i32, control: i32, offset: i32): void {
  const c = (<usize>control) << 3, t = (<usize>offset) << 3, end = (<usize>size) << 3;
  const lo = c < t ? c : t, hi = c < t ? t : c;
  for (let a: usize = 0; a < end; a += hi << 1) {
    swapRuns(re + a, c + hi, lo << 1, lo, c, t);
    swapRuns(im + a, c + hi, lo << 1, lo, c, t);
  }
}

/** cx with qubit 0 of a single state as the control: swaps the odd lanes of the vectors at o and o + offset (offset ≥ 2). */
export function swapControlledByLowest(re: usize, im: usize, size: i32, offset: i32): void {
  const t = (<usize>offset) << 3, end = (<usize>size) << 3;
  for (let base: usize = 0; base < end; base += t << 1) {
    const stop = base + t;
    for (let o = base; o < stop; o += 16) {
      const xr = v128.load(re + o), yr = v128.load(re + o + t), xi = v128.load(im + o), yi = v128.load(im + o + t);
      v128.store(re + o, v128.shuffle<f64>(xr, yr, 0, 3));
      v128.store(re + o + t, v128.shuffle<f64>(yr, xr, 0, 3));
      v128.store(im + o, v128.shuffle<f64>(xi, yi, 0, 3));
      v128.store(im + o + t, v128.shuffle<f64>(yi, xi, 0, 3));
    }
  }
}

/** cx with qubit 0 of a single state as the target: swaps the lanes of every vector whose control bit is set (control ≥ 2). */
export function swapAdjacentControlled(re: usize, im: usize, size: i32, control: i32): void {
  const c = (<usize>control) << 3, end = (<usize>size) << 3;
  for (let base: usize = c; base < end; base += c << 1) {
    const stop = base + c;
    for (let o = base; o < stop; o += 16) {
      const r = v128.load(re + o), i = v128.load(im + o);
      v128.store(re + o, v128.shuffle<f64>(r, r, 1, 0));
      v128.store(im + o, v128.shuffle<f64>(i, i, 1, 0));
    }
  }
}

/** Swaps the vectors at o and o + distance for o in every run [base + first, + run), base < end step period. */
function swapRuns(p: usize, end: usize, period: usize, run: usize, first: usize, distance: usize): void {
  for (let base: usize = first; base < end; base += period) {
    const stop = base + run;
    for (let o = base; o < stop; o += 16) {
      const x = v128.load(p + o), y = v128.load(p + o + distance);
      v128.store(p + o, y);
      v128.store(p + o + distance, x);
    }
  }
}
