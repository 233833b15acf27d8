// Quantum recommender: scores a (user, item) pair with one circuit. User features are angle-encoded
// on the first qubits, item features on the rest; a per-user layer RY(φ_u,k) on each user qubit
// (the personalization hook: zero for the shared model, fine-tuned from the user's own ratings)
// shifts how the user is encoded; a shared ansatz entangles user and item; the score reads every
// user–item qubit correlation, r̂ = Σ_{u,i} C_ui·⟨Z_u Z_i⟩ + b. On the encoded product state
// ⟨Z_u Z_i⟩ = cos(x_u)·cos(y_i), so the model starts as a bilinear taste·item form (the classic
// factorisation bias) and the ansatz learns what that misses. Shared parameters: the ansatz
// weights, C (row-major, user × item), b. Personal parameters: one per user feature.
import { PauliSum, Rng } from "../../core/index.ts";
import { ansatzFromSpec, type Ansatz, type AnsatzSpec } from "../ansatzes/index.ts";
import { FeatureScaler, type ScalerSpec } from "../scaling.ts";
import type { GradientOptions, Objective } from "../training/objective.ts";
import { shotEstimate } from "../uncertainty.ts";
import { VariationalCircuit, weightedSum } from "../variational-circuit.ts";

export interface RecommenderSpec {
  version: 1;
  kind: "recommender";
  userFeatures: number;
  itemFeatures: number;
  ansatz: AnsatzSpec;
  userScaler: ScalerSpec;
  itemScaler: ScalerSpec;
}

export interface RatedPair {
  user: readonly number[];
  item: readonly number[];
  rating: number;
}

export class QuantumRecommender {
  readonly ansatz: Ansatz;
  readonly circuit: VariationalCircuit;
  /** Z_u Z_i for every user qubit u and item qubit i (row-major). */
  readonly observables: PauliSum[];
  private readonly userScaler: FeatureScaler;
  private readonly itemScaler: FeatureScaler;

  constructor(readonly spec: RecommenderSpec) {
    const du = spec.userFeatures, di = spec.itemFeatures;
    this.ansatz = ansatzFromSpec(spec.ansatz);
    this.userScaler = FeatureScaler.fromJSON(spec.userScaler);
    this.itemScaler = FeatureScaler.fromJSON(spec.itemScaler);
    // Weights: the ansatz's, then the personal shifts (one per user qubit).
    this.observables = Array.from({ length: du * di }, (_, k) => PauliSum.parse(`Z${Math.floor(k / di)} Z${du + (k % di)}`));
    this.circuit = new VariationalCircuit(du + di, du + di, this.ansatz.numWeights + du, (builder, inputs, weights) => {
      for (let q = 0; q < du + di; q++) builder.ry(inputs[q]!, q);
      for (let q = 0; q < du; q++) builder.ry(weights[this.ansatz.numWeights + q]!, q);
      this.ansatz.apply(builder, weights);
    });
  }

  static create(users: readonly (readonly number[])[], items: readonly (readonly number[])[], ansatz: Partial<AnsatzSpec> = {}): QuantumRecommender {
    const du = users[0]!.length, di = items[0]!.length;
    return new QuantumRecommender({
      version: 1,
      kind: "recommender",
      userFeatures: du,
      itemFeatures: di,
      ansatz: { kind: "realAmplitudes", reps: 2, entanglement: "ring", ...ansatz, numQubits: du + di },
      userScaler: FeatureScaler.fit(users, 0, Math.PI).toJSON(),
      itemScaler: FeatureScaler.fit(items, 0, Math.PI).toJSON(),
    });
  }

  get numSharedParams(): number {
    return this.ansatz.numWeights + this.observables.length + 1;
  }

  get numPersonalParams(): number {
    return this.spec.userFeatures;
  }

  /** Seeded start: ansatz weights near zero (close to the bilinear model), small random couplings C, b = 0. */
  initialParams(seed: number): Float64Array {
    const rng = new Rng(seed);
    const params = new Float64Array(this.numSharedParams);
    for (let i = 0; i < this.ansatz.numWeights; i++) params[i] = (rng.nextFloat() * 2 - 1) * 0.1;
    for (let k = 0; k < this.observables.length; k++) params[this.ansatz.numWeights + k] = (rng.nextFloat() * 2 - 1) * 0.1;
    return params;
  }

  /** Predicted ratings of each pair, with each pair's personal parameters (null: the shared model). */
  scores(shared: Float64Array, pairs: readonly { user: readonly number[]; item: readonly number[]; personal?: Float64Array | null }[]): Float64Array {
    const { inputs, weights } = this.rows(shared, pairs);
    const e = this.circuit.expectationsEach(inputs, weights, pairs.length, this.observables);
    return Float64Array.from(pairs, (_, i) => this.readout(shared, e.subarray(i * this.observables.length, (i + 1) * this.observables.length)));
  }

  /**
   * Scores estimated from `shots` measurements per correlation ⟨Z_u Z_i⟩ (each ±1-valued, so
   * binomial), with a 95 % band: each correlation's Wilson interval, combined as the worst case
   * over the box (the score is linear in them).
   */
  scoresWithShots(shared: Float64Array, pairs: readonly { user: readonly number[]; item: readonly number[]; personal?: Float64Array | null }[], shots: number, seed: number): { score: number; low: number; high: number }[] {
    const { inputs, weights } = this.rows(shared, pairs);
    const m = this.observables.length, A = this.ansatz.numWeights, b = shared[A + m]!;
    const e = this.circuit.expectationsEach(inputs, weights, pairs.length, this.observables);
    const rng = new Rng(seed);
    return pairs.map((_, i) => {
      let score = b, low = b, high = b;
      for (let k = 0; k < m; k++) {
        const c = shared[A + k]!, est = shotEstimate(e[i * m + k]!, shots, rng);
        score += c * est.value;
        low += Math.min(c * est.low, c * est.high);
        high += Math.max(c * est.low, c * est.high);
      }
      return { score, low, high };
    });
  }

  /** The items ranked for one user, best first (at most `limit`). */
  recommend(shared: Float64Array, personal: Float64Array | null, user: readonly number[], items: readonly { id: string; features: readonly number[] }[], limit: number): { id: string; score: number }[] {
    const scores = this.scores(shared, items.map((item) => ({ user, item: item.features, personal })));
    return items
      .map((item, i) => ({ id: item.id, score: scores[i]! }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, limit);
  }

  /** Training the shared parameters on everyone's ratings (personal layers at zero). */
  sharedObjective(train: readonly RatedPair[], validation: readonly RatedPair[] = []): Objective {
    return this.objective(train, validation, "shared", null, 0);
  }

  /**
   * Fine-tuning one user's personal parameters on their own ratings, the shared ones frozen, with
   * an L2 pull towards the shared model (φ = 0) so a few ratings cannot run away with it.
   */
  personalObjective(shared: Float64Array, train: readonly RatedPair[], validation: readonly RatedPair[] = [], l2 = 0.01): Objective {
    return this.objective(train, validation, "personal", shared, l2);
  }

  toJSON(): RecommenderSpec {
    return structuredClone(this.spec);
  }

  private objective(train: readonly RatedPair[], validation: readonly RatedPair[], part: "shared" | "personal", frozen: Float64Array | null, l2: number): Objective {
    const A = this.ansatz.numWeights, du = this.spec.userFeatures, W = this.circuit.numWeights;
    const m = this.observables.length, width = du + this.spec.itemFeatures;
    // params: shared → [ansatz weights, C, b]; personal → [φ_0..φ_{du−1}].
    const split = (params: Float64Array) => (part === "shared" ? { shared: params, personal: null } : { shared: frozen!, personal: params });
    const meanSquared = (params: Float64Array, pairs: readonly RatedPair[], gradient?: Float64Array, options?: GradientOptions) => {
      const { shared, personal } = split(params);
      const { inputs, weights } = this.rows(shared, pairs.map((p) => ({ ...p, personal })));
      const e = this.circuit.expectationsEach(inputs, weights, pairs.length, this.observables);
      let total = 0;
      gradient?.fill(0);
      const de = new Float64Array(m);
      pairs.forEach((pair, i) => {
        const ei = e.subarray(i * m, (i + 1) * m);
        const r = this.readout(shared, ei) - pair.rating;
        total += r * r;
        if (!gradient) return;
        for (let k = 0; k < m; k++) de[k] = 2 * r * shared[A + k]!;
        const g = this.circuit.gradient(inputs.subarray(i * width, (i + 1) * width), weights.subarray(i * W, (i + 1) * W), weightedSum(this.observables, de), options?.method, options?.shots, (options?.seed ?? 0) + i);
        if (part === "shared") {
          for (let j = 0; j < A; j++) gradient[j]! += g.dWeights[j]!;
          for (let k = 0; k < m; k++) gradient[A + k]! += 2 * r * ei[k]!;
          gradient[A + m]! += 2 * r;
        } else {
          for (let j = 0; j < du; j++) gradient[j]! += g.dWeights[A + j]!;
        }
      });
      const n = pairs.length;
      if (gradient) for (let j = 0; j < gradient.length; j++) gradient[j] = gradient[j]! / n + (part === "personal" ? 2 * l2 * params[j]! : 0);
      let penalty = 0;
      if (part === "personal") for (let j = 0; j < params.length; j++) penalty += l2 * params[j]! * params[j]!;
      return total / n + penalty;
    };
    return {
      numParams: part === "shared" ? this.numSharedParams : this.numPersonalParams,
      numExamples: train.length,
      loss: (params, examples, options, gradient) => meanSquared(params, Array.from(examples, (i) => train[i]!), gradient, options),
      validationLoss: (params) => (validation.length ? meanSquared(params, validation) : undefined),
    };
  }

  private readout(shared: Float64Array, e: ArrayLike<number>): number {
    const A = this.ansatz.numWeights, m = this.observables.length;
    let score = shared[A + m]!;
    for (let k = 0; k < m; k++) score += shared[A + k]! * e[k]!;
    return score;
  }

  private rows(shared: Float64Array, pairs: readonly { user: readonly number[]; item: readonly number[]; personal?: Float64Array | null }[]) {
    const du = this.spec.userFeatures, di = this.spec.itemFeatures, A = this.ansatz.numWeights, W = this.circuit.numWeights;
    const inputs = new Float64Array(pairs.length * (du + di)), weights = new Float64Array(pairs.length * W);
    pairs.forEach((pair, i) => {
      this.userScaler.transform(pair.user, inputs.subarray(i * (du + di), i * (du + di) + du));
      this.itemScaler.transform(pair.item, inputs.subarray(i * (du + di) + du, (i + 1) * (du + di)));
      weights.set(shared.subarray(0, A), i * W);
      if (pair.personal) weights.set(pair.personal, i * W + A);
    });
    return { inputs, weights };
  }
}
