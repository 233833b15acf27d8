// A fidelity kernel's feature map made runnable: raw rows through the fitted scaler (and its
// reduction) and the encoding, into circuit inputs and states. Shared by the kernel classifier,
// the anomaly detector and the Gram matrices workers compute, so all three prepare a row's state
// the same way, bit for bit. A support set's states are prepared once per parameter vector (a
// served version's parameters never change) when they fit in 2^22 amplitudes (64 MiB).
import type { StateVector } from "../../core/index.ts";
import { encodingFromSpec, type Encoding, type EncodingSpec } from "../encodings/index.ts";
import { FeatureScaler, type ScalerSpec } from "../scaling.ts";
import { VariationalCircuit } from "../variational-circuit.ts";

/** What a fidelity kernel needs: the encoding and the fitted scaler. */
export interface KernelFeatureMap {
  encoding: EncodingSpec;
  scaler: ScalerSpec;
}

/** Most support amplitudes kept between calls: 2^22 (64 MiB). */
const KEPT_AMPLITUDES = 2 ** 22;

export class FeatureStates {
  readonly encoding: Encoding;
  readonly scaler: FeatureScaler;
  /** The encoding circuit whose states the kernel compares. */
  readonly circuit: VariationalCircuit;
  private readonly prepared = new WeakMap<Float64Array, StateVector[]>();

  constructor(map: KernelFeatureMap) {
    this.encoding = encodingFromSpec(map.encoding);
    this.scaler = FeatureScaler.fromJSON(map.scaler);
    this.circuit = new VariationalCircuit(this.encoding.numQubits, this.encoding.numInputs, 0, (builder, inputs) => this.encoding.apply(builder, inputs));
  }

  /** Circuit inputs for raw rows: rows × numInputs. */
  inputsOf(rows: readonly (readonly number[])[]): Float64Array {
    const k = this.encoding.numInputs;
    const out = new Float64Array(rows.length * k);
    rows.forEach((row, i) => this.encoding.inputsOf(this.scaler.transform(row), out.subarray(i * k, (i + 1) * k)));
    return out;
  }

  /** The states of `count` rows of circuit inputs. */
  states(inputs: Float64Array, count: number): StateVector[] {
    const k = this.encoding.numInputs;
    return Array.from({ length: count }, (_, r) => this.circuit.state(inputs.subarray(r * k, (r + 1) * k)));
  }

  /** The state of one raw row. */
  stateOf(row: readonly number[]): StateVector {
    return this.circuit.state(this.inputsOf([row]));
  }

  /** The states of `count` support rows whose inputs `params` holds (at `inputs`), kept per `params` when they fit. */
  support(params: Float64Array, inputs: Float64Array, count: number): StateVector[] {
    const kept = this.prepared.get(params);
    if (kept) return kept;
    const states = this.states(inputs, count);
    if (this.keeps(count)) this.prepared.set(params, states);
    return states;
  }

  /** Whether `count` support states are kept between calls. */
  keeps(count: number): boolean {
    return count * 2 ** this.encoding.numQubits <= KEPT_AMPLITUDES;
  }
}

/** |⟨a|b⟩|², the fidelity kernel's value for two prepared states. */
export function fidelity(a: StateVector, b: StateVector): number {
  let re = 0, im = 0;
  for (let i = 0; i < a.size; i++) {
    re += a.re[i]! * b.re[i]! + a.im[i]! * b.im[i]!;
    im += a.re[i]! * b.im[i]! - a.im[i]! * b.re[i]!;
  }
  return re * re + im * im;
}
