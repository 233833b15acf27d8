// Inference: predictions (label or value, probabilities, intervals, optional explanation) and
// recommendations, served by the model's latest version. Loaded models are cached per warm
// function, keyed by version id (versions never change), so a hot path does no parsing.
import { limits } from "../config/index.ts";
import {
  decodeParams,
  checkExplanation,
  explain,
  modelCircuit,
  modelFromSpec,
  QuantumKernelAnomalyDetector,
  QuantumKernelClassifier,
  VariationalClassifier,
  VariationalRegressor,
  type CheckedExplanation,
  type Model,
  type ValueAndGradient,
  type ModelSpec,
  type RegressionCalibration,
} from "../ml/index.ts";
import { randomUUID } from "node:crypto";
import { noisyRunWork, type NoisyRun } from "../core/index.ts";
import type { NoiseInput } from "./circuit-input.ts";
import { noisyRun } from "./noise-input.ts";
import type { RequestBudget } from "./budget.ts";
import { releasePredictionStorage, reservePredictionStorage } from "./prediction-storage.ts";
import type { Db } from "./db.ts";
import { requireReadableModel } from "./ownership.ts";
import { InvalidInputError, NotFoundError } from "./errors.ts";
import { findReadableModelToServe, modelBlueprint, type ModelRecord, type OwnedModelVersion } from "./models.ts";

export interface LoadedVersion {
  version: OwnedModelVersion;
  model: Model;
  params: Float64Array;
}

const cache = new Map<string, LoadedVersion>();
const CACHE_SIZE = 32;

/**
 * Which version serves a model, remembered per warm process for a moment: a hot model costs no
 * database round trip for it. A version trained meanwhile is served within SERVING_TTL_MS; a model
 * deleted meanwhile fails the prediction's insert, which evicts it (see predict).
 */
const SERVING_TTL_MS = 1_000;
const serving = new Map<string, { record: ModelRecord; version: OwnedModelVersion | null; until: number }>();

/** A readable model and its latest trained version, parsed once per warm process. */
export async function modelToServe(db: Db, userId: string, modelId: string): Promise<{ record: ModelRecord; loaded: LoadedVersion }> {
  let entry = serving.get(modelId);
  if (!entry || entry.until < Date.now()) {
    const found = await findReadableModelToServe(db, userId, modelId);
    entry = { ...found, until: Date.now() + SERVING_TTL_MS };
    if (serving.size >= CACHE_SIZE * 4) serving.clear();
    if (found.version) serving.set(modelId, entry); // an untrained model is looked up again next time
  }
  // Readability is checked on every call, cached or not (owners never change).
  requireReadableModel(entry.record, userId, modelId);
  return { record: entry.record, loaded: loadVersion(entry.version) };
}

function loadVersion(version: OwnedModelVersion | null): LoadedVersion {
  if (!version) throw new InvalidInputError([{ path: ["modelId"], message: "the model has no trained version yet: train it first (startTraining)" }]);
  let loaded = cache.get(version.id);
  if (!loaded) {
    loaded = { version, model: modelFromSpec(version.spec as unknown as ModelSpec), params: decodeParams(version.params) };
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
    cache.set(version.id, loaded);
  }
  return loaded;
}

export interface PredictOptions {
  shots?: number | null;
  seed?: number | null;
  explain?: boolean | null;
  /** Keep the prediction in the user's history (default true). */
  store?: boolean | null;
  /** Run the model's circuit under this noise model (variational models). */
  noise?: NoiseInput | null;
}

export type PredictionRecord = Awaited<ReturnType<Db["prediction"]["findUniqueOrThrow"]>>;

/** What a prediction answered (stored as Prediction.output). */
export interface PredictionOutput {
  /** The predicted class name (an anomaly detector's verdict), or null for regressions. */
  label: string | null;
  /** The regression value, the predicted class's probability, or an anomaly detector's score. */
  value: number;
  /** Anomaly detectors: the score at and above which a row is flagged. */
  threshold?: number;
  probabilities: { label: string; probability: number }[];
  /**
   * 95 % interval on `value`. Classifiers: Wilson bounds from shot noise with shots; exact has none
   * (low = high = value). Regressors trained since calibration: the version's split-conformal band
   * around the value, widened by the shot interval with shots (CALIBRATED).
   */
  interval: { low: number; high: number; source: "SHOTS" | "EXACT" | "CALIBRATED" };
  explanation: CheckedExplanation | null;
}

/**
 * Predicts each row with the model's latest version and stores every prediction (within the
 * user's quota of stored predictions), unless `store: false`: then nothing is written and the
 * returned predictions have ids that name nothing.
 */
export async function predict(db: Db, userId: string, modelId: string, rows: number[][], options: PredictOptions, budget: RequestBudget): Promise<PredictionRecord[]> {
  const started = performance.now();
  const { record, loaded } = await modelToServe(db, userId, modelId);
  const blueprint = modelBlueprint(record);
  if (blueprint.task === "RECOMMENDATION") throw new InvalidInputError([{ path: ["modelId"], message: "a recommendation model ranks items: use recommend" }]);
  if (rows.length > limits.inference.maxBatch) throw new InvalidInputError([{ path: ["rows"], message: `must have at most ${limits.inference.maxBatch} rows` }]);
  const noise = options.noise ? noiseFor(loaded.model, options) : null;
  const work = noise ? rows.length * noisyRunWork(modelCircuit(loaded.model), noise) : inferenceWork(loaded.model, rows.length, options.explain ?? false);
  if (work > limits.inference.maxWork) {
    throw new InvalidInputError([
      { path: ["rows"], message: `this call needs about ${work.toExponential(2)} amplitude updates; the limit is ${limits.inference.maxWork.toExponential(2)}: fewer rows, or no explanations` },
    ]);
  }
  const issues = rows.flatMap((row, i) => (row.length === blueprint.numFeatures ? [] : [{ path: ["rows", String(i)], message: `has ${row.length} features; the model takes ${blueprint.numFeatures}` }]));
  if (issues.length) throw new InvalidInputError(issues);
  budget.charge(work, `predicting ${rows.length} row(s)${options.explain ? " with explanations" : ""}`, ["rows"]);
  const outputs = rows.map((row, i) => serve(loaded, row, { ...options, seed: (options.seed ?? 0) + i }, noise));
  const latencyMs = performance.now() - started;
  const data = outputs.map((output, i) => {
    const input = { features: rows[i]!, shots: options.shots ?? 0, explain: options.explain ?? false, ...(options.noise ? { noise: options.noise } : {}) };
    return { userId, modelVersionId: loaded.version.id, input, output: output as object, bytes: JSON.stringify(input).length + JSON.stringify(output).length, latencyMs: latencyMs / rows.length };
  });
  if (options.store === false) {
    // Nothing written: the records carry their version, so nothing needs to be read back either.
    return data.map((row) => ({ ...row, id: `${UNSAVED}${randomUUID()}`, usedPersonalParameters: false, createdAt: new Date(), modelVersion: loaded.version }));
  }
  const bytes = data.reduce((sum, row) => sum + row.bytes, 0);
  await reservePredictionStorage(db, userId, data.length, bytes);
  try {
    return await db.prediction.createManyAndReturn({ data });
  } catch (error) {
    await releasePredictionStorage(db, userId, data.length, bytes);
    // The version vanished (its model was deleted since we remembered it): forget it, answer as the database now does.
    if ((error as { code?: string }).code !== "P2003") throw error;
    serving.delete(modelId);
    throw new NotFoundError("Model", modelId);
  }
}

/** Amplitude updates of one run of a model's circuit: operations × 2^qubits. */
export function circuitWork(model: Model): number {
  const circuit = modelCircuit(model);
  return Math.max(1, circuit.operations.length) * 2 ** circuit.numQubits;
}

/**
 * Amplitude updates a predict call makes (see limits.inference.maxWork): one circuit run per row,
 * 4·(steps + 1) with explanations (an adjoint sweep per quadrature point). A kernel model also
 * touches every support state for each row: an inner product each when its states are kept per
 * version (up to 64 MiB of them), or a whole circuit run each when they are not.
 */
export function inferenceWork(model: Model, rows: number, explain: boolean): number {
  if (model instanceof QuantumKernelClassifier || model instanceof QuantumKernelAnomalyDetector) {
    // One state per row and an inner product per support row (the support states prepared once; at worst every call).
    const support = model.spec.numSupport;
    return rows * (circuitWork(model) + support * 2 ** model.encoding.numQubits) + support * circuitWork(model);
  }
  return rows * (explain ? 4 * (limits.inference.explanationSteps + 1) : 1) * circuitWork(model);
}

const UNSAVED = "unsaved-";

/** Whether a prediction was kept (false for store: false). */
export function isStoredPrediction(record: PredictionRecord): boolean {
  return !record.id.startsWith(UNSAVED);
}

export function predictionOutput(record: PredictionRecord): PredictionOutput {
  const output = record.output as unknown as PredictionOutput;
  // Stored before explanations were checked: check the sum now; the training range is not known here.
  const explanation = output.explanation;
  if (explanation && explanation.reliable === undefined) {
    const anywhere = explanation.attributions.map(() => 0);
    return { ...output, explanation: checkExplanation(explanation, anywhere, anywhere.map(() => -Infinity), anywhere.map(() => Infinity)) };
  }
  return output;
}

/**
 * The noise a prediction runs under, and how it is simulated: variational models only (a kernel's
 * fidelities are not one circuit's readout), without explanations (they differentiate the noiseless circuit).
 */
function noiseFor(model: Model, options: PredictOptions): NoisyRun {
  if (!(model instanceof VariationalClassifier || model instanceof VariationalRegressor)) {
    throw new InvalidInputError([{ path: ["options", "noise"], message: "noise applies to variational classifiers and regressors" }]);
  }
  if (options.explain) throw new InvalidInputError([{ path: ["options", "explain"], message: "explanations differentiate the noiseless circuit: ask without noise" }]);
  return noisyRun(options.noise!, model.quantum.numQubits, ["options", "noise"]);
}

function serve({ model, params, version }: LoadedVersion, row: number[], options: PredictOptions, noise: NoisyRun | null = null): PredictionOutput {
  const shots = options.shots ?? 0;
  if (model instanceof QuantumKernelAnomalyDetector) {
    if (options.explain) throw new InvalidInputError([{ path: ["options", "explain"], message: "explanations need a variational model; anomaly detectors have no input gradient here" }]);
    // The label is the verdict at the threshold; the value is the anomaly score, higher being more unusual.
    const verdict = model.predict(params, row);
    return { label: verdict.label, value: verdict.score, probabilities: [], interval: { low: verdict.score, high: verdict.score, source: "EXACT" }, explanation: null, threshold: model.spec.threshold };
  }
  if (model instanceof VariationalClassifier || model instanceof QuantumKernelClassifier) {
    const p =
      model instanceof VariationalClassifier ? model.predict(params, row, { shots, seed: options.seed ?? 0, ...(noise ? { noise } : {}) }) : model.predict(params, row);
    const c = p.classIndex;
    const classes = model.spec.classes;
    let explanation: CheckedExplanation | null = null;
    if (options.explain) {
      if (!(model instanceof VariationalClassifier)) throw new InvalidInputError([{ path: ["options", "explain"], message: "explanations need a variational model; kernel models have no input gradient here" }]);
      explanation = explainChecked((r) => model.classProbabilityGradient(params, r, c), row, model.quantum.scaler.rawRange);
    }
    const low = p.shotInterval?.low[c] ?? p.probabilities[c]!, high = p.shotInterval?.high[c] ?? p.probabilities[c]!;
    return {
      label: p.label,
      value: p.probabilities[c]!,
      probabilities: p.probabilities.map((probability, k) => ({ label: classes[k]!, probability })),
      interval: { low, high, source: p.shotInterval ? "SHOTS" : "EXACT" },
      explanation,
    };
  }
  if (model instanceof VariationalRegressor) {
    const p = model.predict(params, row, { shots, seed: options.seed ?? 0, ...(noise ? { noise } : {}) });
    const explanation = options.explain ? explainChecked((r) => model.valueGradient(params, r), row, model.quantum.scaler.rawRange) : null;
    const shot = p.shotInterval ?? { low: p.value, high: p.value };
    const band = (version.metrics as { calibration?: RegressionCalibration } | null)?.calibration?.halfWidth;
    return {
      label: null,
      value: p.value,
      probabilities: [],
      interval: band !== undefined && Number.isFinite(band)
        ? { low: shot.low - band, high: shot.high + band, source: "CALIBRATED" }
        : { ...shot, source: p.shotInterval ? "SHOTS" : "EXACT" },
      explanation,
    };
  }
  throw new NotFoundError("Model", "(recommender)");
}

/** Integrated gradients from the middle of the training range, checked against that range. */
function explainChecked(f: ValueAndGradient, row: number[], scaler: { min: number[]; max: number[] }): CheckedExplanation {
  const midpoint = scaler.min.map((min, j) => (min + scaler.max[j]!) / 2);
  return checkExplanation(explain(f, row, midpoint, "integratedGradients", limits.inference.explanationSteps), row, scaler.min, scaler.max);
}

