// Personalization: `recommend` ranks items with the caller's own parameters when they exist (the
// answer says which), `recordFeedback` stores a signal and nudges those parameters online,
// `personalize` fine-tunes them on all the caller's feedback. Consent gates every update.
import * as z from "zod";
import { limits } from "../config/index.ts";
import {
  exampleFeaturesSchema,
  itemNameSchema,
  deleteFeedback,
  NotFoundError,
  personalize,
  personalValues,
  recommend,
  recordFeedback,
  type RankedItem,
  type Recommendations,
  type FeedbackResult,
  type UserParametersRecord,
} from "../services/index.ts";
import { builder } from "./builder.ts";
import { givenKey, IDEMPOTENCY_KEY_DESCRIPTION } from "./idempotency.ts";
import { ModelRef, ModelVersionRef } from "./model.ts";

const { inference } = limits;

const IntervalSourceRef = builder.enumType("RecommendationIntervalSource", {
  values: { SHOTS: { description: "95 % bands from shot noise." }, EXACT: { description: "Exact simulation: low = high = score." } } as const,
});

const RankedItemRef = builder.objectRef<RankedItem>("RankedItem").implement({
  fields: (t) => ({
    item: t.exposeString("item"),
    score: t.exposeFloat("score", { description: "Predicted rating in about [−1, 1]." }),
    low: t.exposeFloat("low"),
    high: t.exposeFloat("high"),
  }),
});

const RecommendationsRef = builder.objectRef<Recommendations>("Recommendations").implement({
  fields: (t) => ({
    items: t.field({ type: [RankedItemRef], description: "Best first.", resolve: (r) => r.items }),
    personalized: t.exposeBoolean("personalized", { description: "True: your own parameters were used; false: the shared model's." }),
    intervalSource: t.field({ type: IntervalSourceRef, resolve: (r) => r.intervalSource }),
    modelVersion: t.field({ type: ModelVersionRef, resolve: (r) => r.modelVersion }),
    hint: t.exposeString("hint", { nullable: true, description: "When there are no items: why, and what to do about it." }),
  }),
});

const PersonalParametersRef = builder.objectRef<UserParametersRecord>("PersonalParameters").implement({
  fields: (t) => ({
    values: t.floatList({ resolve: (p) => personalValues(p) }),
    version: t.exposeInt("version", { description: "Incremented by every update (optimistic concurrency)." }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

const CandidateInput = builder.inputType("CandidateItem", {
  fields: (t) => ({
    item: t.string({ required: true, validate: itemNameSchema }),
    itemFeatures: t.floatList({ required: true, validate: exampleFeaturesSchema }),
  }),
});

builder.queryField("recommend", (t) =>
  t.field({
    type: RecommendationsRef,
    description:
      `Ranks items for you with a recommendation model: the given candidates (≤ ${inference.maxCandidates}), or every item others gave ` +
      `feedback on that you have not. Uses your profile's features. The catalogue holds only items of users who consented to shared training ` +
      `(consent.sharedTraining), never yours to others without it.`,
    authScopes: { user: true },
    args: {
      modelId: t.arg.globalID({ required: true, for: ModelRef }),
      candidates: t.arg({ type: [CandidateInput], validate: z.array(z.unknown()).max(inference.maxCandidates, { error: `must have at most ${inference.maxCandidates} candidates` }) }),
      count: t.arg.int({ validate: z.number().int().min(1, { error: `must be between 1 and ${inference.maxRecommendations}` }).max(inference.maxRecommendations, { error: `must be between 1 and ${inference.maxRecommendations}` }) }),
      shots: t.arg.int({ validate: z.number().int().min(0, { error: `must be between 0 and ${inference.maxShots}` }).max(inference.maxShots, { error: `must be between 0 and ${inference.maxShots}` }) }),
      seed: t.arg.int(),
      personal: t.arg.boolean({
        description: "false: rank with the model's shared parameters only, ignoring yours (to compare the two rankings). Default true.",
      }),
    },
    errors: { types: [NotFoundError], directResult: true },
    resolve: (_root, args, context) => recommend(context.db, context.viewer!, args.modelId.id, args, context.budget),
  }),
);

const FeedbackPayload = builder.objectRef<FeedbackResult>("FeedbackPayload").implement({
  fields: (t) => ({
    personalParameters: t.field({
      type: PersonalParametersRef,
      nullable: true,
      description: "Your parameters after the online update; null without consent to personalization.",
      resolve: (p) => p.updated,
    }),
  }),
});

builder.mutationField("recordFeedback", (t) =>
  t.field({
    type: FeedbackPayload,
    description: `Stores how much you liked an item (signal in [−1, 1]); with your consent, ${inference.feedbackSteps} gradient steps move your parameters towards it.`,
    authScopes: { user: true },
    args: {
      modelId: t.arg.globalID({ required: true, for: ModelRef }),
      item: t.arg.string({ required: true, validate: itemNameSchema }),
      itemFeatures: t.arg.floatList({ required: true, validate: exampleFeaturesSchema }),
      signal: t.arg.float({ required: true, validate: z.number().min(-1, { error: "must be between -1 and 1" }).max(1, { error: "must be between -1 and 1" }) }),
      idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    errors: { types: [NotFoundError], directResult: true },
    resolve: (_root, args, context, info) =>
      recordFeedback(
        context.db,
        context.viewer!,
        args.modelId.id,
        { item: args.item, itemFeatures: args.itemFeatures, signal: args.signal },
        context.budget,
        givenKey(args.idempotencyKey, ["idempotencyKey"], context, info),
      ),
  }),
);

builder.mutationField("personalize", (t) =>
  t.field({
    type: PersonalParametersRef,
    description: "Fine-tunes your own parameters for a recommendation model on all your feedback (needs consent.personalization).",
    authScopes: { user: true },
    args: { modelId: t.arg.globalID({ required: true, for: ModelRef }) },
    errors: { types: [NotFoundError], directResult: true },
    resolve: (_root, { modelId }, context) => personalize(context.db, context.viewer!, modelId.id, context.budget),
  }),
);

const DeleteFeedbackPayload = builder.objectRef<{ deleted: number }>("DeleteFeedbackPayload").implement({
  fields: (t) => ({ deleted: t.exposeInt("deleted") }),
});

builder.mutationField("deleteFeedback", (t) =>
  t.field({
    type: DeleteFeedbackPayload,
    description: `Deletes your feedback on one model (or on all, without modelId), freeing your quota (${inference.maxFeedbackPerUser} signals). Personal parameters stay as they are.`,
    authScopes: { user: true },
    args: { modelId: t.arg.globalID({ for: ModelRef }) },
    errors: { directResult: true },
    resolve: async (_root, { modelId }, context) => ({ deleted: await deleteFeedback(context.db, context.viewer!.id, modelId?.id ?? null) }),
  }),
);
