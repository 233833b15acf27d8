// Inference: `predict` and `predictBatch` answer with stored Prediction nodes (label,
// probabilities, interval, explanation, latency, the version used). Only their owner reads them.
import * as z from "zod";
import { limits } from "../config/index.ts";
import {
  exampleFeaturesSchema,
  findModelVersion,
  isStoredPrediction,
  NotFoundError,
  predict,
  predictionOutput,
  predictOptionsSchema,
  type OwnedModelVersion,
  type PredictionOutput,
} from "../services/index.ts";
import type { Context } from "./context.ts";
import { builder } from "./builder.ts";
import { visibleWhen } from "./visibility.ts";
import { ModelRef, ModelVersionRef } from "./model.ts";
import { NoiseInput } from "./simulation.ts";
import { UserRef } from "./user.ts";

const { inference } = limits;

const ClassProbabilityRef = builder.objectRef<{ label: string; probability: number }>("ClassProbability").implement({
  fields: (t) => ({ label: t.exposeString("label"), probability: t.exposeFloat("probability") }),
});

const IntervalSourceEnum = builder.enumType("IntervalSource", {
  values: {
    SHOTS: { description: "95 % Wilson interval from measurement shot noise." },
    EXACT: { description: "Exact simulation: no shot noise (low = high = value)." },
    CALIBRATED: { description: "Regressors: a 95 % split-conformal band (from the validation split's residuals; its test coverage is in the version's metrics.calibration), widened by shot noise with shots." },
  } as const,
});

const IntervalRef = builder.objectRef<PredictionOutput["interval"]>("Interval").implement({
  fields: (t) => ({
    low: t.exposeFloat("low"),
    high: t.exposeFloat("high"),
    source: t.field({ type: IntervalSourceEnum, resolve: (i) => i.source }),
  }),
});

const ExplanationRef = builder.objectRef<NonNullable<PredictionOutput["explanation"]>>("Explanation").implement({
  description:
    "Integrated gradients through the encoding angles (exact, adjoint), from the middle of the training range. " +
    "Far outside the training range the attributions may stop adding up: `reliable` says whether they do, within `gapTolerance`.",
  fields: (t) => ({
    reliable: t.exposeBoolean("reliable", {
      description: "The attributions are finite and add up to value − baselineValue within gapTolerance. When false, do not read them as each feature's part.",
    }),
    gapTolerance: t.exposeFloat("gapTolerance", { description: "max(0.01, 5 % of |value − baselineValue|)." }),
    outOfTrainingRange: t.exposeBooleanList("outOfRange", {
      description: "Per feature: the input lies outside the range the model was trained on (the model extrapolates).",
    }),
    method: t.exposeString("method"),
    attributions: t.exposeFloatList("attributions", { description: "One per input feature; they add up to value − baselineValue." }),
    baseline: t.exposeFloatList("baseline"),
    value: t.exposeFloat("value"),
    baselineValue: t.exposeFloat("baselineValue"),
    completenessGap: t.exposeFloat("completenessGap", { description: "Σ attributions − (value − baselineValue): the quadrature error." }),
  }),
});

export const PredictionRef = builder.prismaNode("Prediction", {
  id: { field: "id" },
  authScopes: visibleWhen("Prediction", (p: { userId: string }, context) => p.userId === context.viewer?.id),
  fields: (t) => ({
    label: t.string({ nullable: true, description: "The predicted class (null for regressions); an anomaly detector's verdict (its normal or its anomaly class).", resolve: (p) => predictionOutput(p).label }),
    value: t.float({ description: "The regression value, the predicted class's probability, or an anomaly detector's score (higher: more unusual).", resolve: (p) => predictionOutput(p).value }),
    threshold: t.float({ nullable: true, description: "Anomaly detectors: the score at and above which a row is flagged (set on the validation split for the model's false-positive rate).", resolve: (p) => predictionOutput(p).threshold ?? null }),
    probabilities: t.field({ type: [ClassProbabilityRef], resolve: (p) => predictionOutput(p).probabilities }),
    interval: t.field({ type: IntervalRef, resolve: (p) => predictionOutput(p).interval }),
    explanation: t.field({ type: ExplanationRef, nullable: true, resolve: (p) => predictionOutput(p).explanation }),
    features: t.floatList({ resolve: (p) => (p.input as { features: number[] }).features }),
    latencyMs: t.exposeFloat("latencyMs", { description: "Time in the service (model lookup + simulation), per row." }),
    usedPersonalParameters: t.exposeBoolean("usedPersonalParameters"),
    stored: t.boolean({ description: "Kept in your history (false when predicted with store: false).", resolve: (p) => isStoredPrediction(p) }),
    modelVersion: t.field({
      type: ModelVersionRef,
      description: "The version that answered.",
      // An unsaved prediction (store: false) carries its version; stored ones share one read per version per request.
      resolve: (p, _args, context) => (p as { modelVersion?: OwnedModelVersion }).modelVersion ?? versionOf(context, p.modelVersionId),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

const versionsByRequest = new WeakMap<Context, Map<string, Promise<OwnedModelVersion>>>();

/** A version with its model's owner, read once per request however many predictions name it. */
function versionOf(context: Context, id: string): Promise<OwnedModelVersion> {
  let versions = versionsByRequest.get(context);
  if (!versions) versionsByRequest.set(context, (versions = new Map()));
  let version = versions.get(id);
  if (!version) versions.set(id, (version = findModelVersion(context.db, id)));
  return version;
}

builder.prismaObjectField(UserRef, "predictions", (t) =>
  t.relatedConnection("predictions", { cursor: "id", query: { orderBy: [{ createdAt: "desc" }, { id: "desc" }] }, totalCount: true }),
);

const PredictOptionsInput = builder.inputType("PredictOptions", {
  validate: predictOptionsSchema,
  fields: (t) => ({
    shots: t.int({ description: `0 (exact, default) – ${inference.maxShots}: sample the readout and report a Wilson interval.` }),
    seed: t.int({ description: "Seed for the shots." }),
    explain: t.boolean({ description: "Add per-feature attributions (integrated gradients)." }),
    store: t.boolean({
      description:
        `Keep the prediction in your history (default true; at most ${limits.prediction.maxStoredPerUser} stored per user, ` +
        `kept ${limits.prediction.retentionDays} days). false: nothing is written; the answer's id names nothing.`,
    }),
    noise: t.field({
      type: NoiseInput,
      description: "Variational models: run the circuit under this noise model (readout ⟨Z⟩ from the density matrix or trajectories); with shots, the shots are drawn from the noisy values. Not with explain.",
    }),
  }),
});

const FeatureRowInput = builder.inputType("FeatureRow", {
  fields: (t) => ({ features: t.floatList({ required: true, validate: exampleFeaturesSchema }) }),
});

const PredictPayload = builder.objectRef<{ predictions: Awaited<ReturnType<typeof predict>> }>("PredictPayload").implement({
  fields: (t) => ({ predictions: t.field({ type: [PredictionRef], resolve: (p) => p.predictions }) }),
});

builder.mutationField("predict", (t) =>
  t.field({
    type: PredictionRef,
    description: "Predicts one example with the model's latest version (yours, or a shared base model). The prediction is stored.",
    authScopes: { user: true },
    args: {
      modelId: t.arg.globalID({ required: true, for: ModelRef }),
      features: t.arg.floatList({ required: true, validate: exampleFeaturesSchema }),
      options: t.arg({ type: PredictOptionsInput }),
    },
    errors: { types: [NotFoundError], directResult: true },
    resolve: async (_root, { modelId, features, options }, context) => (await predict(context.db, context.viewer!.id, modelId.id, [features], options ?? {}, context.budget))[0]!,
  }),
);

builder.mutationField("predictBatch", (t) =>
  t.field({
    type: PredictPayload,
    description: `Predicts up to ${inference.maxBatch} examples in one batched pass.`,
    authScopes: { user: true },
    args: {
      modelId: t.arg.globalID({ required: true, for: ModelRef }),
      rows: t.arg({ type: [FeatureRowInput], required: true, validate: z.array(z.unknown()).max(inference.maxBatch, { error: `must have at most ${inference.maxBatch} rows` }) }),
      options: t.arg({ type: PredictOptionsInput }),
    },
    errors: { types: [NotFoundError], directResult: true },
    resolve: async (_root, { modelId, rows, options }, context) => ({
      predictions: await predict(context.db, context.viewer!.id, modelId.id, rows.map((r) => r.features), options ?? {}, context.budget),
    }),
  }),
);
