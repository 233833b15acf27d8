// A parameterised circuit with two kinds of symbols: *inputs* (data, set per example) and
// *weights* (trained, shared by a batch). Compiled once; evaluated for many examples in one pass by
// the batched engine; differentiated per example by the adjoint method (exact) or the
// parameter-shift rule (with shots), for weights and inputs alike.
import {
  adjointGradient,
  CircuitBuilder,
  compileCircuit,
  expectationBatch,
  parameterShiftGradient,
  PauliSum,
  runProgram,
  simulateNoisy,
  symbol,
  symbolsOf,
  type NoisyRun,
  type StateVector,
  type Circuit,
  type Param,
  type Program,
} from "../core/index.ts";

export type GradientMethod = "adjoint" | "parameterShift";

export interface CircuitGradient {
  /** ⟨O⟩ at this example and these weights. */
  value: number;
  dWeights: Float64Array;
  dInputs: Float64Array;
}

export class VariationalCircuit {
  readonly circuit: Circuit;
  readonly program: Program;
  private readonly inputSlot: Int32Array;
  private readonly weightSlot: Int32Array;

  /** `build` appends the gates, reading input k from inputs[k] and weight k from weights[k]. */
  constructor(
    readonly numQubits: number,
    readonly numInputs: number,
    readonly numWeights: number,
    build: (builder: CircuitBuilder, inputs: readonly Param[], weights: readonly Param[]) => void,
  ) {
    const inputs = Array.from({ length: numInputs }, (_, k) => symbol(`in${k}`));
    const weights = Array.from({ length: numWeights }, (_, k) => symbol(`w${k}`));
    const builder = new CircuitBuilder(numQubits);
    build(builder, inputs, weights);
    this.circuit = builder.build();
    this.program = compileCircuit(this.circuit);
    const slot = new Map(this.program.symbols.map((name, i) => [name, i]));
    // A symbol the gates never read (e.g. a feature that a layout leaves out) has slot −1.
    this.inputSlot = Int32Array.from(inputs, (_, k) => slot.get(`in${k}`) ?? -1);
    this.weightSlot = Int32Array.from(weights, (_, k) => slot.get(`w${k}`) ?? -1);
  }

  /**
   * ⟨O_k⟩ for each example (rows of `inputs`, numInputs each) with one weight vector:
   * out[example * observables.length + k].
   */
  expectations(inputs: Float64Array, count: number, weights: Float64Array, observables: readonly PauliSum[]): Float64Array {
    return expectationBatch(this.program, this.valueRows(inputs, count, weights), count, observables);
  }

  /**
   * ⟨O_k⟩ for one example under a noise model, simulated as the run says (core's noisy simulation:
   * under "auto", the density matrix up to 10 qubits when cheaper, else seeded trajectories), with
   * each mean's standard error (0 when exact).
   */
  noisyExpectations(input: ArrayLike<number>, weights: ArrayLike<number>, observables: readonly PauliSum[], noise: NoisyRun, seed: number): { values: Float64Array; standardErrors: Float64Array } {
    const bindings: Record<string, number> = {};
    for (let k = 0; k < this.numInputs; k++) bindings[`in${k}`] = input[k]!;
    for (let k = 0; k < this.numWeights; k++) bindings[`w${k}`] = weights[k]!;
    const used = new Set(this.circuit.parameters);
    const { noisy } = simulateNoisy(this.circuit, { ...noise, observables, seed, bindings: Object.fromEntries(Object.entries(bindings).filter(([name]) => used.has(name))) });
    return { values: Float64Array.from(noisy.expectations, (e) => e.value), standardErrors: Float64Array.from(noisy.expectations, (e) => e.standardError) };
  }

  /** `noisyExpectations` for each example (rows of `inputs`): out[example * observables.length + k]. */
  noisyExpectationsBatch(inputs: Float64Array, count: number, weights: ArrayLike<number>, observables: readonly PauliSum[], noise: NoisyRun, seed: number): Float64Array {
    const m = observables.length, out = new Float64Array(count * m);
    for (let e = 0; e < count; e++) out.set(this.noisyExpectations(inputs.subarray(e * this.numInputs, (e + 1) * this.numInputs), weights, [...observables], noise, seed + e).values, e * m);
    return out;
  }

  /**
   * ∂⟨O⟩/∂weights under noise, by the parameter-shift rule on each weight: exact for a noisy
   * circuit too (a channel after a gate leaves ⟨O⟩ a sinusoid of that gate's angle), provided each
   * weight is the plain angle of one rotation, as in every ansatz here (checked).
   */
  noisyWeightGradient(input: ArrayLike<number>, weights: ArrayLike<number>, observable: PauliSum, noise: NoisyRun, seed: number): { value: number; dWeights: Float64Array } {
    this.checkShiftable();
    const at = (w: ArrayLike<number>) => this.noisyExpectations(input, w, [observable], noise, seed).values[0]!;
    const shifted = Float64Array.from(weights);
    const dWeights = new Float64Array(this.numWeights);
    for (let j = 0; j < this.numWeights; j++) {
      if (this.weightSlot[j]! < 0) continue;
      shifted[j] = weights[j]! + Math.PI / 2;
      const plus = at(shifted);
      shifted[j] = weights[j]! - Math.PI / 2;
      const minus = at(shifted);
      shifted[j] = weights[j]!;
      dWeights[j] = (plus - minus) / 2;
    }
    return { value: at(weights), dWeights };
  }

  private shiftable: boolean | null = null;

  /** Every weight symbol is the whole angle of exactly one one-parameter rotation (rx, ry, rz, p, or a Rot's part). */
  private checkShiftable(): void {
    if (this.shiftable === null) {
      const uses = new Map<string, number>();
      let plain = true;
      for (const op of this.circuit.operations) {
        if (op.kind !== "gate") continue;
        for (const param of op.params) {
          const names = [...symbolsOf(param)].filter((n) => n.startsWith("w"));
          for (const name of names) uses.set(name, (uses.get(name) ?? 0) + 1);
          if (names.length && (typeof param !== "object" || param.kind !== "symbol" || !["rx", "ry", "rz", "p", "u1"].includes(op.gate))) plain = false;
        }
      }
      this.shiftable = plain && [...uses.values()].every((n) => n === 1);
    }
    if (!this.shiftable) throw new Error("training under noise needs each weight to be one rotation's angle (the ansatzes here are); this circuit's are not");
  }

  /** As `expectations`, with a weight vector per example (rows of `weights`, numWeights each). */
  expectationsEach(inputs: Float64Array, weights: Float64Array, count: number, observables: readonly PauliSum[]): Float64Array {
    const symbols = this.program.symbols.length;
    const rows = new Float64Array(count * symbols);
    for (let e = 0; e < count; e++) {
      this.fill(rows, e * symbols, inputs.subarray(e * this.numInputs, (e + 1) * this.numInputs), weights.subarray(e * this.numWeights, (e + 1) * this.numWeights));
    }
    return expectationBatch(this.program, rows, count, observables);
  }

  /** The final state for one example. */
  state(input: ArrayLike<number>, weights: ArrayLike<number> = []): StateVector {
    const values = new Float64Array(this.program.symbols.length);
    this.fill(values, 0, input, weights);
    return runProgram(this.program, values).state;
  }

  /** ∂⟨O⟩/∂weights and ∂⟨O⟩/∂inputs for one example. */
  gradient(input: ArrayLike<number>, weights: ArrayLike<number>, observable: PauliSum, method: GradientMethod = "adjoint", shots = 0, seed = 0): CircuitGradient {
    const values = new Float64Array(this.program.symbols.length);
    this.fill(values, 0, input, weights);
    const { value, gradient } =
      method === "adjoint" && shots === 0
        ? adjointGradient(this.program, values, observable)
        : parameterShiftGradient(this.program, values, observable, { shots, seed });
    return {
      value,
      dWeights: Float64Array.from(this.weightSlot, (s) => (s < 0 ? 0 : gradient[s]!)),
      dInputs: Float64Array.from(this.inputSlot, (s) => (s < 0 ? 0 : gradient[s]!)),
    };
  }

  private valueRows(inputs: Float64Array, count: number, weights: ArrayLike<number>): Float64Array {
    const symbols = this.program.symbols.length;
    const rows = new Float64Array(count * symbols);
    for (let e = 0; e < count; e++) this.fill(rows, e * symbols, inputs.subarray(e * this.numInputs, (e + 1) * this.numInputs), weights);
    return rows;
  }

  private fill(out: Float64Array, offset: number, input: ArrayLike<number>, weights: ArrayLike<number>): void {
    for (let k = 0; k < this.numInputs; k++) if (this.inputSlot[k]! >= 0) out[offset + this.inputSlot[k]!] = input[k]!;
    for (let k = 0; k < this.numWeights; k++) if (this.weightSlot[k]! >= 0) out[offset + this.weightSlot[k]!] = weights[k]!;
  }
}

/** Σ_k coefficients[k]·O_k as one observable (the adjoint method differentiates one observable per sweep). */
export function weightedSum(observables: readonly PauliSum[], coefficients: ArrayLike<number>): PauliSum {
  return new PauliSum(observables.flatMap((o, k) => o.terms.map((t) => ({ ...t, coefficient: t.coefficient * coefficients[k]! }))));
}
