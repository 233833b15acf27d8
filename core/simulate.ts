// simulate(circuit, options): run a circuit and read what a user asks of it: probabilities,
// marginals, seeded shot counts, expectation values of Pauli sums, the statevector.
// Circuits whose measurements are all terminal run once and are sampled; circuits that measure or
// reset mid-circuit (or condition gates on bits) run one seeded trajectory per shot.
import type { Circuit } from "./circuit/circuit.ts";
import { CoreError } from "./errors.ts";
import { expectation, PauliSum } from "./observables/pauli.ts";
import { bindingValues, compileCircuit, type Program } from "./program/compile.ts";
import { drain, runProgramStepwise } from "./program/run.ts";
import { Rng } from "./random.ts";
import { bitstring, sampleCounts } from "./sampling.ts";
import { DEFAULT_MAX_QUBITS, StateVector } from "./state.ts";

export const DEFAULT_MAX_SHOTS = 1_000_000;

export interface SimulateOptions {
  /** Values for the circuit's symbolic parameters. */
  bindings?: Readonly<Record<string, number>>;
  /** Number of measurement samples (0: none). */
  shots?: number;
  /** Seed for shots and mid-circuit measurements (default 0): the same seed gives the same counts. */
  seed?: number;
  /** Refuse circuits wider than this (default 24). */
  maxQubits?: number;
  /** Refuse more shots than this (default 1,000,000). */
  maxShots?: number;
  /** A compiled program to reuse (from compileForSimulation(circuit)). */
  program?: Program;
}

export function simulate(circuit: Circuit, options: SimulateOptions = {}): SimulationResult {
  return drain(simulateStepwise(circuit, options));
}

/**
 * simulate as a generator that yields between kernel steps: a server can run a long simulation in
 * slices and answer other requests in between. The result is the same, bit for bit.
 */
export function* simulateStepwise(circuit: Circuit, options: SimulateOptions = {}): Generator<void, SimulationResult> {
  const maxQubits = options.maxQubits ?? DEFAULT_MAX_QUBITS;
  const shots = options.shots ?? 0;
  const maxShots = options.maxShots ?? DEFAULT_MAX_SHOTS;
  if (!Number.isInteger(shots) || shots < 0) throw new CoreError("CIRCUIT_INVALID", `shots must be a non-negative integer, got ${shots}`);
  if (shots > maxShots) throw new CoreError("LIMIT_EXCEEDED", `${shots} shots requested; the limit is ${maxShots}`);
  const rng = new Rng(options.seed ?? 0);

  if (circuit.hasMidCircuitMeasurement()) {
    const program = options.program ?? compileForSimulation(circuit);
    const values = bindingValues(program, options.bindings);
    const trajectories = Math.max(shots, 1);
    const averaged = new Float64Array(2 ** circuit.numQubits);
    const outcomes = new Map<number, number>();
    let first: StateVector | undefined;
    for (let s = 0; s < trajectories; s++) {
      const { state, clbits } = yield* runProgramStepwise(program, values, undefined, { rng, maxQubits });
      first ??= state;
      const p = state.probabilities();
      for (let i = 0; i < p.length; i++) averaged[i]! += p[i]! / trajectories;
      if (shots > 0) {
        const key = clbits.reduce((acc, bit, c) => acc + bit * 2 ** c, 0);
        outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      }
    }
    return new SimulationResult(circuit, first!, averaged, shots, outcomes, "clbits");
  }

  // Terminal measurements only: simulate the unitary part once, then sample.
  const program = options.program ?? compileForSimulation(circuit);
  const { state } = yield* runProgramStepwise(program, bindingValues(program, options.bindings), undefined, { maxQubits });
  const probabilities = state.probabilities();
  return sampledResult(circuit, state, probabilities, shots, rng);
}

/**
 * A circuit whose measurements are terminal, from its final outcome probabilities: `shots`
 * samples, each basis state mapped to the classical bits its measurements write (all qubits when
 * it measures none). Noisy simulation ends the same way, from its averaged probabilities.
 */
export function sampledResult(circuit: Circuit, state: StateVector | null, probabilities: Float64Array, shots: number, rng: Rng): SimulationResult {
  if (shots === 0) return new SimulationResult(circuit, state, probabilities, 0, new Map(), "qubits");
  const sampled = sampleCounts(probabilities, shots, rng);
  const measures = circuit.operations.filter((op) => op.kind === "measure");
  if (measures.length === 0) return new SimulationResult(circuit, state, probabilities, shots, sampled, "qubits");
  const outcomes = new Map<number, number>();
  for (const [index, count] of sampled) {
    let key = 0;
    const clbits = new Uint8Array(circuit.numClbits);
    for (const m of measures) clbits[m.clbit] = (index >> m.qubit) & 1;
    clbits.forEach((bit, c) => { key += bit * 2 ** c; });
    outcomes.set(key, (outcomes.get(key) ?? 0) + count);
  }
  return new SimulationResult(circuit, state, probabilities, shots, outcomes, "clbits");
}

/**
 * The program simulate() runs for a circuit (pass it back as options.program to compile once).
 * Terminal measurements are left out: the final state is sampled instead. Circuits that measure
 * or reset mid-circuit keep every measurement (each trajectory collapses).
 */
export function compileForSimulation(circuit: Circuit): Program {
  if (circuit.hasMidCircuitMeasurement()) return compileCircuit(circuit);
  return compileCircuit(circuit.withOperations(circuit.operations.filter((op) => op.kind !== "measure")));
}

export class SimulationResult {
  constructor(
    private readonly circuit: Circuit,
    /** Null under noise, where there is no one final state. */
    private readonly finalState: StateVector | null,
    private readonly probs: Float64Array,
    readonly shots: number,
    private readonly outcomes: Map<number, number>,
    private readonly outcomeSpace: "qubits" | "clbits",
  ) {}

  get numQubits(): number {
    return this.circuit.numQubits;
  }

  /**
   * Probability of each basis state (index bit i = qubit i). For circuits with mid-circuit
   * measurement, the average over the trajectories run.
   */
  probabilities(): Float64Array {
    return this.probs.slice();
  }

  /** Probabilities of the chosen qubits' joint outcomes; index bit k = qubits[k]. */
  marginal(qubits: readonly number[]): Float64Array {
    for (const q of qubits) {
      if (!Number.isInteger(q) || q < 0 || q >= this.numQubits) throw new CoreError("CIRCUIT_INVALID", `marginal: qubit ${q} is out of range`);
    }
    const out = new Float64Array(2 ** qubits.length);
    for (let i = 0; i < this.probs.length; i++) {
      let index = 0;
      for (let k = 0; k < qubits.length; k++) index |= ((i >> qubits[k]!) & 1) << k;
      out[index]! += this.probs[i]!;
    }
    return out;
  }

  /**
   * Sampled counts keyed by bitstring, most significant bit first (Qiskit's order). With
   * measurements, keys are the classical registers (several registers separated by spaces, the
   * last register first); without, all qubits.
   */
  counts(): Record<string, number> {
    if (this.shots === 0) throw new CoreError("CIRCUIT_INVALID", "no shots were taken: pass shots > 0 to simulate()");
    const result: Record<string, number> = {};
    const entries = [...this.outcomes].sort((a, b) => a[0] - b[0]);
    for (const [value, count] of entries) result[this.formatOutcome(value)] = count;
    return result;
  }

  /** ⟨ψ|O|ψ⟩ of the final state for a Pauli sum ("0.5*Z0 Z1 + X2") or a PauliSum. */
  expectation(observable: string | PauliSum): number {
    const o = typeof observable === "string" ? PauliSum.parse(observable) : observable;
    if (o.numQubits > this.numQubits) throw new CoreError("OBSERVABLE_SYNTAX", `observable acts on qubit ${o.numQubits - 1}; the circuit has ${this.numQubits} qubit(s)`);
    return expectation(this.pure().re, this.pure().im, o);
  }

  /** The final amplitudes (copies). */
  statevector(): { re: Float64Array; im: Float64Array } {
    return { re: this.pure().re.slice(), im: this.pure().im.slice() };
  }

  /** The final state (for circuits with mid-circuit measurement: the first trajectory's). Throws under noise. */
  get state(): StateVector {
    return this.pure();
  }

  private pure(): StateVector {
    if (!this.finalState) throw new CoreError("CIRCUIT_INVALID", "a noisy simulation has no single final state: read probabilities, counts or the noisy expectation values");
    return this.finalState;
  }

  private formatOutcome(value: number): string {
    if (this.outcomeSpace === "qubits") return bitstring(value, this.numQubits);
    const cregs = this.circuit.cregs.length ? this.circuit.cregs : [{ name: "c", start: 0, size: this.circuit.numClbits }];
    return [...cregs]
      .reverse()
      .map((r) => bitstring(Math.floor(value / 2 ** r.start) % 2 ** r.size, r.size))
      .join(" ");
  }
}
