// What the trainer optimises: a model's loss over its training examples, and over a validation set.

export interface GradientOptions {
  method: "adjoint" | "parameterShift";
  /** 0: exact expectation values. > 0: shot-estimated (parameter-shift gradients). */
  shots: number;
  /** Seed for this step's shot noise. */
  seed: number;
}

export interface Objective {
  readonly numParams: number;
  /** Training examples, addressed by index 0..numExamples−1. */
  readonly numExamples: number;
  /** Mean loss over the given training examples; with `gradient`, also its gradient into it. */
  loss(params: Float64Array, examples: ArrayLike<number>, options: GradientOptions, gradient?: Float64Array): number;
  /** Mean loss over the validation set (exact), or undefined when there is none. */
  validationLoss(params: Float64Array): number | undefined;
}
