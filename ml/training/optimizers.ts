// Optimizers as pure state machines: the state is plain JSON (part of a training checkpoint), so a
// burst that stops after any step resumes exactly.
//  - Adam (Kingma & Ba 2015), SGD with (heavy-ball) momentum: need the gradient.
//  - SPSA (Spall 1992): two loss evaluations per step along a random ±1 direction, no gradient;
//    gains a_k = a/(k + 1 + A)^α and c_k = c/(k + 1)^γ.
import type { Rng } from "../../core/index.ts";

export type OptimizerConfig =
  | { kind: "adam"; learningRate: number; beta1?: number; beta2?: number; epsilon?: number }
  | { kind: "sgd"; learningRate: number; momentum?: number }
  | { kind: "spsa"; a?: number; c?: number; A?: number; alpha?: number; gamma?: number };

export interface OptimizerState {
  step: number;
  /** Adam's first moment, or SGD's velocity. */
  m: number[];
  /** Adam's second moment. */
  v: number[];
}

export function initialOptimizerState(numParams: number): OptimizerState {
  return { step: 0, m: new Array(numParams).fill(0), v: new Array(numParams).fill(0) };
}

/** One gradient step, in place on params and state. */
export function gradientStep(config: OptimizerConfig, state: OptimizerState, params: Float64Array, gradient: Float64Array): void {
  state.step += 1;
  if (config.kind === "adam") {
    const b1 = config.beta1 ?? 0.9, b2 = config.beta2 ?? 0.999, eps = config.epsilon ?? 1e-8;
    const c1 = 1 - b1 ** state.step, c2 = 1 - b2 ** state.step;
    for (let i = 0; i < params.length; i++) {
      const g = gradient[i]!;
      state.m[i] = b1 * state.m[i]! + (1 - b1) * g;
      state.v[i] = b2 * state.v[i]! + (1 - b2) * g * g;
      params[i]! -= (config.learningRate * (state.m[i]! / c1)) / (Math.sqrt(state.v[i]! / c2) + eps);
    }
  } else if (config.kind === "sgd") {
    const mu = config.momentum ?? 0.9;
    for (let i = 0; i < params.length; i++) {
      state.m[i] = mu * state.m[i]! + gradient[i]!;
      params[i]! -= config.learningRate * state.m[i]!;
    }
  } else {
    throw new Error("SPSA takes loss evaluations, not gradients: use spsaStep");
  }
}

/** One SPSA step, in place; `loss` evaluates the mini-batch loss at given parameters. Returns the loss at the centre estimate. */
export function spsaStep(
  config: Extract<OptimizerConfig, { kind: "spsa" }>,
  state: OptimizerState,
  params: Float64Array,
  rng: Rng,
  loss: (at: Float64Array) => number,
): number {
  const a = config.a ?? 1, c = config.c ?? 0.2, A = config.A ?? 10, alpha = config.alpha ?? 0.602, gamma = config.gamma ?? 0.101;
  const k = state.step++;
  const ak = a / (k + 1 + A) ** alpha, ck = c / (k + 1) ** gamma;
  const delta = Float64Array.from(params, () => (rng.nextUint32() & 1 ? 1 : -1));
  const plus = Float64Array.from(params, (p, i) => p + ck * delta[i]!);
  const minus = Float64Array.from(params, (p, i) => p - ck * delta[i]!);
  const lp = loss(plus), lm = loss(minus);
  const scale = (lp - lm) / (2 * ck);
  for (let i = 0; i < params.length; i++) params[i]! -= ak * scale * delta[i]!;
  return (lp + lm) / 2;
}
