// The training objective shared by variational models: mean loss over a mini-batch, where each
// example's loss depends on the circuit's expectation values ⟨O_k⟩ through a classical readout.
// The weights' gradient takes one adjoint sweep per example (Σ_k dL/d⟨O_k⟩·O_k is one observable);
// with shots, expectation values are shot estimates and gradients use the parameter-shift rule.
// Under a noise model, expectation values are the noisy circuit's (core's noisy simulation) and
// the weights' gradient is the parameter-shift rule on them.
import { Rng, type NoisyRun, type PauliSum } from "../../core/index.ts";
import type { Labeled } from "../data/dataset.ts";
import type { GradientOptions, Objective } from "../training/objective.ts";
import { shotEstimate } from "../uncertainty.ts";
import { weightedSum } from "../variational-circuit.ts";
import type { EncodedCircuit } from "./encoded-circuit.ts";

/**
 * One example's loss from its expectation values `e`; writes dLoss/d⟨O_k⟩ into `de`, and when
 * `dParams` is given adds the gradient of the readout's own (classical) parameters into it.
 */
export type ExampleLoss = (params: Float64Array, e: Float64Array, label: number, de: Float64Array, dParams: Float64Array | null) => number;

export function variationalObjective(
  quantum: EncodedCircuit,
  observables: readonly PauliSum[],
  numParams: number,
  exampleLoss: ExampleLoss,
  train: Labeled,
  validation?: Labeled,
  /** What early stopping watches on the validation split, when not the training loss (a regressor trained with Huber watches MSE, i.e. R²). */
  validationLoss: ExampleLoss = exampleLoss,
  /** Train for a noisy device: every ⟨O_k⟩ and gradient under this noise model. */
  noise?: NoisyRun,
): Objective {
  const k = quantum.encoding.numInputs, W = quantum.numWeights, m = observables.length;
  const trainInputs = quantum.inputs(train.rows);
  const validationInputs = validation?.rows.length ? quantum.inputs(validation.rows) : null;
  const expectations = (params: Float64Array, inputs: Float64Array, count: number) =>
    noise
      ? quantum.circuit.noisyExpectationsBatch(inputs, count, params.subarray(0, W), observables, noise, 0)
      : quantum.circuit.expectations(inputs, count, params.subarray(0, W), observables);
  const meanLoss = (params: Float64Array, e: Float64Array, labels: (i: number) => number, count: number, each?: (i: number, de: Float64Array) => void, dParams?: Float64Array, loss: ExampleLoss = exampleLoss) => {
    let total = 0;
    const de = new Float64Array(m);
    for (let i = 0; i < count; i++) {
      total += loss(params, e.subarray(i * m, (i + 1) * m), labels(i), de, dParams ?? null);
      each?.(i, de);
    }
    return total / count;
  };
  return {
    numParams,
    numExamples: train.rows.length,
    loss: (params, examples, options: GradientOptions, gradient?: Float64Array) => {
      const count = examples.length;
      const inputs = new Float64Array(count * k);
      for (let i = 0; i < count; i++) inputs.set(trainInputs.subarray(examples[i]! * k, (examples[i]! + 1) * k), i * k);
      let e = expectations(params, inputs, count);
      if (options.shots > 0) {
        const rng = new Rng(options.seed);
        e = Float64Array.from(e, (value) => shotEstimate(value, options.shots, rng).value);
      }
      if (!gradient) return meanLoss(params, e, (i) => train.labels[examples[i]!]!, count);
      const dParams = new Float64Array(params.length);
      const loss = meanLoss(params, e, (i) => train.labels[examples[i]!]!, count, (i, de) => {
        const input = inputs.subarray(i * k, (i + 1) * k), observable = weightedSum(observables, de);
        const g = noise
          ? quantum.circuit.noisyWeightGradient(input, params.subarray(0, W), observable, noise, 0)
          : quantum.circuit.gradient(input, params.subarray(0, W), observable, options.method, options.shots, options.seed + i);
        for (let j = 0; j < W; j++) dParams[j]! += g.dWeights[j]!;
      }, dParams);
      for (let j = 0; j < params.length; j++) gradient[j] = dParams[j]! / count;
      return loss;
    },
    validationLoss: (params) => {
      if (!validation || !validationInputs) return undefined;
      const count = validation.rows.length;
      return meanLoss(params, expectations(params, validationInputs, count), (i) => validation.labels[i]!, count, undefined, undefined, validationLoss);
    },
  };
}
