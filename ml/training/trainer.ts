// Training in bursts. A checkpoint is plain JSON: parameters, optimizer moments, where the epoch
// is (its shuffled order and position), the RNG state, the loss history, the best parameters so
// far and the early-stopping patience. trainBurst advances it for as long as a time budget allows
// (at least one step) and returns the next checkpoint; because every random choice comes from the
// stored RNG and the budget only decides *where* to stop, one long run and any number of bursts
// produce the same parameters, bit for bit.
import { Rng, type RngState } from "../../core/index.ts";
import type { Objective } from "./objective.ts";
import { gradientStep, initialOptimizerState, spsaStep, type OptimizerConfig, type OptimizerState } from "./optimizers.ts";

export interface TrainingConfig {
  optimizer: OptimizerConfig;
  batchSize: number;
  maxEpochs: number;
  /** Stop after this many epochs without a validation-loss improvement larger than minDelta. */
  patience: number;
  minDelta: number;
  gradient: "adjoint" | "parameterShift";
  /** 0: exact; > 0: shot-estimated losses and parameter-shift gradients. */
  shots: number;
  seed: number;
  /** Keep the parameters at the end of the last this-many epochs (a snapshot ensemble for uncertainty). */
  snapshots: number;
}

export const DEFAULT_TRAINING: TrainingConfig = {
  optimizer: { kind: "adam", learningRate: 0.05 },
  batchSize: 16,
  maxEpochs: 60,
  patience: 10,
  minDelta: 1e-4,
  gradient: "adjoint",
  shots: 0,
  seed: 0,
  snapshots: 5,
};

export interface EpochRecord {
  epoch: number;
  trainLoss: number;
  validationLoss: number | null;
}

export type StopReason = "maxEpochs" | "earlyStopping";

export interface Checkpoint {
  version: 1;
  config: TrainingConfig;
  params: number[];
  optimizer: OptimizerState;
  /** Completed epochs. */
  epoch: number;
  /** Optimizer steps taken in all. */
  step: number;
  /** This epoch's example order and how far into it we are. */
  order: number[];
  position: number;
  epochLossSum: number;
  epochExamples: number;
  rng: RngState;
  history: EpochRecord[];
  best: { params: number[]; validationLoss: number | null; epoch: number };
  patienceLeft: number;
  snapshots: number[][];
  done: StopReason | null;
}

export function startTraining(initialParams: ArrayLike<number>, config: Partial<TrainingConfig> = {}): Checkpoint {
  const full: TrainingConfig = { ...DEFAULT_TRAINING, ...config };
  const params = Array.from(initialParams);
  return {
    version: 1,
    config: full,
    params,
    optimizer: initialOptimizerState(params.length),
    epoch: 0,
    step: 0,
    order: [],
    position: 0,
    epochLossSum: 0,
    epochExamples: 0,
    rng: new Rng(full.seed).state(),
    history: [],
    best: { params: [...params], validationLoss: null, epoch: 0 },
    patienceLeft: full.patience,
    snapshots: [],
    done: null,
  };
}

export interface BurstOptions {
  /** Wall-clock budget; the burst stops before the first step that would start after it. */
  budgetMs: number;
  /** Also stop after this many steps (tests and fixed-size runs). */
  maxSteps?: number;
  /** Clock in milliseconds (default performance.now). */
  now?: () => number;
}

export interface BurstResult {
  checkpoint: Checkpoint;
  steps: number;
  elapsedMs: number;
}

/** Advances training from `checkpoint` (not modified) within the budget. */
export function trainBurst(objective: Objective, checkpoint: Checkpoint, options: BurstOptions): BurstResult {
  if (checkpoint.params.length !== objective.numParams) {
    throw new Error(`checkpoint has ${checkpoint.params.length} parameters, the model ${objective.numParams}`);
  }
  const now = options.now ?? (() => performance.now());
  const started = now();
  const state: Checkpoint = structuredClone(checkpoint);
  const params = Float64Array.from(state.params);
  const rng = new Rng(state.rng);
  const { config } = state;
  let steps = 0;
  while (!state.done && steps < (options.maxSteps ?? Infinity) && (steps === 0 || now() - started < options.budgetMs)) {
    if (state.position === 0) state.order = shuffled(objective.numExamples, rng);
    const batch = state.order.slice(state.position, state.position + config.batchSize);
    const gradientOptions = { method: config.gradient, shots: config.shots, seed: rng.nextUint32() };
    let loss: number;
    if (config.optimizer.kind === "spsa") {
      const spsa = config.optimizer;
      loss = spsaStep(spsa, state.optimizer, params, rng, (at) => objective.loss(at, batch, gradientOptions));
    } else {
      const gradient = new Float64Array(params.length);
      loss = objective.loss(params, batch, gradientOptions, gradient);
      gradientStep(config.optimizer, state.optimizer, params, gradient);
    }
    state.step += 1;
    steps += 1;
    state.epochLossSum += loss * batch.length;
    state.epochExamples += batch.length;
    state.position += batch.length;
    if (state.position >= objective.numExamples) endEpoch(state, objective, params);
  }
  state.params = Array.from(params);
  state.rng = rng.state();
  return { checkpoint: state, steps, elapsedMs: now() - started };
}

/** Trains to the end (max epochs or early stopping) in one go. */
export function trainToEnd(objective: Objective, checkpoint: Checkpoint): Checkpoint {
  return trainBurst(objective, checkpoint, { budgetMs: Infinity }).checkpoint;
}

function endEpoch(state: Checkpoint, objective: Objective, params: Float64Array): void {
  const { config } = state;
  state.epoch += 1;
  const validationLoss = objective.validationLoss(params) ?? null;
  state.history.push({ epoch: state.epoch, trainLoss: state.epochLossSum / state.epochExamples, validationLoss });
  state.position = 0;
  state.epochLossSum = 0;
  state.epochExamples = 0;
  state.snapshots.push(Array.from(params));
  if (state.snapshots.length > config.snapshots) state.snapshots.shift();

  const improved =
    validationLoss === null || state.best.validationLoss === null || validationLoss < state.best.validationLoss - config.minDelta;
  if (improved) {
    state.best = { params: Array.from(params), validationLoss, epoch: state.epoch };
    state.patienceLeft = config.patience;
  } else if (--state.patienceLeft <= 0) {
    state.done = "earlyStopping";
  }
  if (!state.done && state.epoch >= config.maxEpochs) state.done = "maxEpochs";
}

/** A Fisher–Yates permutation of 0..n−1 from the seeded generator. */
export function shuffled(n: number, rng: Rng): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.nextInt(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}
