// QAOA (Farhi, Goldstone & Gutmann 2014) for a cost that is diagonal in the computational basis:
// |ψ(γ, β)⟩ = Π_l e^{−iβ_l B} e^{−iγ_l C} |ψ_0⟩, with either mixer:
//  - "x": B = Σ_q X_q from |+⟩^n, every bitstring reachable (constraints must be penalties);
//  - "xy": B = the ring of (X_iX_j + Y_iY_j)/2 over neighbours, from the Dicke state of weight k
//    (Hadfield et al., "From the QAOA to a quantum alternating operator ansatz", 2019): the
//    number of ones never changes, so a pick-k-of-n constraint holds by construction.
// The cost layer is one phase per basis state and the mixer a rotation per qubit or pair, so a
// dedicated statevector loop costs about (n + 1)·2^n per layer, far below the general engine
// running the same circuit gate by gate (test/ml checks the two agree). Gradients by the adjoint
// method: one forward and one backward sweep give ∂E/∂γ_l and ∂E/∂β_l for every layer (for a
// factor e^{−iθG}: ∂E/∂θ = 2·Im⟨λ|G|ψ⟩, λ the observable applied to the state and carried back).
// Training: seeded random restarts at depth 1, then each deeper circuit warm-started from the
// last by INTERP (Zhou et al., PRX 10, 021067, 2020) beside fresh restarts; Adam throughout.
import { popcount, Rng } from "../../core/index.ts";
import { gradientStep, initialOptimizerState } from "../training/optimizers.ts";

export type Mixer = { kind: "x" } | { kind: "xy"; weight: number };

export interface QaoaOptions {
  /** Depth p: cost and mixer layers. */
  layers: number;
  /** Default: x. */
  mixer?: Mixer;
  /** Random starts at every depth (the warm start is one more from depth 2 on). */
  restarts: number;
  /** Adam steps per start. */
  iterations: number;
  seed: number;
  learningRate?: number;
}

export interface QaoaResult {
  /** γ_1..γ_p then β_1..β_p, for the normalised cost (see `scale`). */
  params: Float64Array;
  /** ⟨C⟩ of the final state, in the cost's own units. */
  expectation: number;
  probabilities: Float64Array;
  /** The cost was run as (C − shift)/scale, so the angles suit any units; γ for C itself is γ/scale. */
  shift: number;
  scale: number;
  /** Energy + gradient evaluations spent. */
  evaluations: number;
  /** Best normalised ⟨C⟩ reached at each depth 1..p (how much each layer added). */
  byDepth: number[];
  /** Which start won at the final depth: "warm" (INTERP) or a random restart's index. */
  winner: "warm" | number;
}

/** Evaluations optimizeQaoa spends: per depth, its starts × iterations. */
export function qaoaEvaluations(options: QaoaOptions): number {
  let total = 0;
  for (let p = 1; p <= options.layers; p++) total += (options.restarts + (p > 1 ? 1 : 0)) * options.iterations;
  return total;
}

export class QaoaCircuit {
  readonly size: number;
  private readonly re: Float64Array;
  private readonly im: Float64Array;
  private readonly lre: Float64Array;
  private readonly lim: Float64Array;

  private readonly initial: Float64Array;
  /** The xy mixer's pairs, in the order they are applied (even ring edges, then odd, then the closing one). */
  readonly pairs: [number, number][];

  /** `cost`: C at each of the 2^n basis states (already normalised by the caller if wanted). */
  constructor(readonly numQubits: number, readonly cost: Float64Array, readonly mixer: Mixer = { kind: "x" }) {
    this.size = 2 ** numQubits;
    if (cost.length !== this.size) throw new Error(`the cost has ${cost.length} values; ${numQubits} qubits need ${this.size}`);
    this.re = new Float64Array(this.size);
    this.im = new Float64Array(this.size);
    this.lre = new Float64Array(this.size);
    this.lim = new Float64Array(this.size);
    this.initial = initialState(numQubits, mixer);
    this.pairs = mixer.kind === "xy" ? ringPairs(numQubits) : [];
  }

  /** The final state's probabilities. */
  probabilities(params: Float64Array): Float64Array {
    this.forward(params);
    return Float64Array.from(this.re, (r, z) => r * r + this.im[z]! ** 2);
  }

  /** ⟨C⟩ and its gradient (γ's then β's). */
  energyAndGradient(params: Float64Array): { energy: number; gradient: Float64Array } {
    const p = params.length / 2, { re, im, lre, lim, cost, size } = this;
    this.forward(params);
    let energy = 0;
    for (let z = 0; z < size; z++) {
      energy += cost[z]! * (re[z]! ** 2 + im[z]! ** 2);
      lre[z] = cost[z]! * re[z]!;
      lim[z] = cost[z]! * im[z]!;
    }
    const gradient = new Float64Array(2 * p);
    for (let l = p - 1; l >= 0; l--) {
      gradient[p + l] = this.mixBack(params[p + l]!);
      // Cost e^{−iγ C}: ∂E/∂γ = 2·Im⟨λ|C|ψ⟩.
      let g = 0;
      for (let z = 0; z < size; z++) g += cost[z]! * (lre[z]! * im[z]! - lim[z]! * re[z]!);
      gradient[l] = 2 * g;
      this.phase(-params[l]!, re, im);
      this.phase(-params[l]!, lre, lim);
    }
    return { energy, gradient };
  }

  /**
   * Steps ψ and λ back through one mixer layer, returning ∂E/∂β for it. The x mixer's terms
   * commute (one sum, Σ_q ⟨λ|X_q|ψ⟩); the xy mixer's pairs do not, so each pair's term is taken
   * where that pair acts, last pair first.
   */
  private mixBack(beta: number): number {
    const { re, im, lre, lim, size } = this;
    let g = 0;
    if (this.mixer.kind === "x") {
      for (let q = 0; q < this.numQubits; q++) {
        const bit = 1 << q;
        for (let z = 0; z < size; z++) g += lre[z]! * im[z ^ bit]! - lim[z]! * re[z ^ bit]!;
      }
      this.mix(-beta, re, im);
      this.mix(-beta, lre, lim);
      return 2 * g;
    }
    for (let e = this.pairs.length - 1; e >= 0; e--) {
      const [a, b] = this.pairs[e]!;
      const bits = (1 << a) | (1 << b);
      for (let z = 0; z < size; z++) {
        if (((z >> a) & 1) === ((z >> b) & 1)) continue; // G = (XX + YY)/2 swaps |01⟩ and |10⟩ and kills the rest
        const w = z ^ bits;
        g += lre[z]! * im[w]! - lim[z]! * re[w]!;
      }
      this.hop(-beta, a, b, re, im);
      this.hop(-beta, a, b, lre, lim);
    }
    return 2 * g;
  }

  private forward(params: Float64Array): void {
    const p = params.length / 2;
    this.re.set(this.initial);
    this.im.fill(0);
    for (let l = 0; l < p; l++) {
      this.phase(params[l]!, this.re, this.im);
      this.mix(params[p + l]!, this.re, this.im);
    }
  }

  /** e^{−iγ C}: a phase per basis state. */
  private phase(gamma: number, re: Float64Array, im: Float64Array): void {
    for (let z = 0; z < this.size; z++) {
      const c = Math.cos(gamma * this.cost[z]!), s = Math.sin(gamma * this.cost[z]!);
      const r = re[z]!, i = im[z]!;
      re[z] = r * c + i * s;
      im[z] = i * c - r * s;
    }
  }

  /** e^{−iβ(X_aX_b + Y_aY_b)/2}: rotates |10⟩ and |01⟩ into each other, leaves |00⟩ and |11⟩. */
  private hop(beta: number, a: number, b: number, re: Float64Array, im: Float64Array): void {
    const c = Math.cos(beta), s = Math.sin(beta), bitA = 1 << a, bitB = 1 << b;
    for (let z = 0; z < this.size; z++) {
      if (!(z & bitA) || z & bitB) continue; // z holds a = 1, b = 0; w = z with the two swapped
      const w = z ^ bitA ^ bitB;
      const zr = re[z]!, zi = im[z]!, wr = re[w]!, wi = im[w]!;
      re[z] = c * zr + s * wi;
      im[z] = c * zi - s * wr;
      re[w] = c * wr + s * zi;
      im[w] = c * wi - s * zr;
    }
  }

  /** One mixer layer, e^{−iβB}. */
  private mix(beta: number, re: Float64Array, im: Float64Array): void {
    if (this.mixer.kind === "xy") {
      for (const [a, b] of this.pairs) this.hop(beta, a, b, re, im);
      return;
    }
    // e^{−iβ X} on every qubit: [[cos β, −i sin β], [−i sin β, cos β]].
    const c = Math.cos(beta), s = Math.sin(beta);
    for (let q = 0; q < this.numQubits; q++) {
      const bit = 1 << q;
      for (let z = 0; z < this.size; z++) {
        if (z & bit) continue;
        const ar = re[z]!, ai = im[z]!, br = re[z | bit]!, bi = im[z | bit]!;
        re[z] = c * ar + s * bi;
        im[z] = c * ai - s * br;
        re[z | bit] = c * br + s * ai;
        im[z | bit] = c * bi - s * ar;
      }
    }
  }
}

/**
 * Normalises the cost (zero mean and unit spread over the states the mixer can reach: all of
 * them, or those of the xy mixer's weight) and trains the angles.
 */
export function optimizeQaoa(numQubits: number, cost: Float64Array, options: QaoaOptions): QaoaResult {
  const mixer = options.mixer ?? { kind: "x" };
  const reachable = initialState(numQubits, mixer);
  const states = reachable.reduce((s, a) => s + (a !== 0 ? 1 : 0), 0);
  const shift = cost.reduce((s, c, z) => s + (reachable[z] !== 0 ? c : 0), 0) / states;
  const scale = Math.sqrt(cost.reduce((s, c, z) => s + (reachable[z] !== 0 ? (c - shift) ** 2 : 0), 0) / states) || 1;
  const circuit = new QaoaCircuit(numQubits, Float64Array.from(cost, (c) => (c - shift) / scale), mixer);
  const rng = new Rng(options.seed);
  const lr = options.learningRate ?? 0.05;
  let evaluations = 0;
  const train = (start: Float64Array) => {
    const params = Float64Array.from(start), state = initialOptimizerState(params.length);
    let best = { energy: Infinity, params };
    for (let it = 0; it < options.iterations; it++) {
      const { energy, gradient } = circuit.energyAndGradient(params);
      evaluations++;
      if (energy < best.energy) best = { energy, params: Float64Array.from(params) };
      gradientStep({ kind: "adam", learningRate: lr }, state, params, gradient);
    }
    return best;
  };
  const random = (p: number) => Float64Array.from({ length: 2 * p }, (_, i) => (i < p ? 0.05 + 0.5 * rng.nextFloat() : 0.05 + 0.7 * rng.nextFloat()));
  const byDepth: number[] = [];
  let previous: Float64Array | null = null;
  let winner: QaoaResult["winner"] = 0;
  let best = { energy: Infinity, params: new Float64Array(0) };
  for (let p = 1; p <= options.layers; p++) {
    best = { energy: Infinity, params: new Float64Array(0) };
    const starts: [QaoaResult["winner"], Float64Array][] = [];
    if (previous) starts.push(["warm", interpolate(previous)]);
    for (let r = 0; r < options.restarts; r++) starts.push([r, random(p)]);
    for (const [name, start] of starts) {
      const trained = train(start);
      if (trained.energy < best.energy) [best, winner] = [trained, name];
    }
    byDepth.push(best.energy);
    previous = best.params;
  }
  return {
    params: best.params,
    expectation: best.energy * scale + shift,
    probabilities: circuit.probabilities(best.params),
    shift,
    scale,
    evaluations,
    byDepth,
    winner,
  };
}

/** INTERP: depth-p angles (γ's then β's) to a depth-(p+1) start, each schedule linearly interpolated. */
export function interpolate(params: Float64Array): Float64Array {
  const p = params.length / 2;
  const grow = (angles: Float64Array) =>
    Array.from({ length: p + 1 }, (_, i) => ((i / p) * (angles[i - 1] ?? 0)) + (((p - i) / p) * (angles[i] ?? 0)));
  return Float64Array.from([...grow(params.subarray(0, p)), ...grow(params.subarray(p))]);
}

/** |+⟩^n for the x mixer; the Dicke state (every weight-k bitstring, equal real amplitudes) for xy. */
function initialState(numQubits: number, mixer: Mixer): Float64Array {
  const size = 2 ** numQubits;
  if (mixer.kind === "x") return new Float64Array(size).fill(1 / Math.sqrt(size));
  const state = new Float64Array(size);
  let count = 0;
  for (let z = 0; z < size; z++) if (popcount(z) === mixer.weight) count++;
  if (count === 0) throw new Error(`no ${numQubits}-bit string has weight ${mixer.weight}`);
  for (let z = 0; z < size; z++) if (popcount(z) === mixer.weight) state[z] = 1 / Math.sqrt(count);
  return state;
}

/** The ring's neighbour pairs in a parity partition: (0,1), (2,3), …, then (1,2), (3,4), …, then (n−1, 0) when n is odd. */
export function ringPairs(n: number): [number, number][] {
  if (n < 2) return [];
  if (n === 2) return [[0, 1]];
  const pairs: [number, number][] = [];
  for (let start = 0; start < 2; start++) for (let i = start; i + 1 < n; i += 2) pairs.push([i, i + 1]);
  pairs.push([n - 1, 0]);
  return pairs;
}
