// The User type (a Relay node readable only by its owner), `me`, `createUser` and `updateProfile`.
import {
  createUser,
  newUserSchema,
  profileChangesSchema,
  updateProfile,
  userFeatures,
  type CreatedUser,
  type User,
} from "../services/index.ts";
import { limits } from "../config/index.ts";
import { builder } from "./builder.ts";
import { visibleWhen } from "./visibility.ts";

const { profile } = limits;

const ConsentRef = builder.objectRef<User>("Consent").implement({
  description: "What the user allows Superpose to do with their data.",
  fields: (t) => ({
    personalization: t.exposeBoolean("consentPersonalization", {
      description: "Fine-tune the user's own personal model parameters from their data and feedback.",
    }),
    sharedTraining: t.exposeBoolean("consentSharedTraining", {
      description: "Use the user's data when training shared models.",
    }),
    updatedAt: t.expose("consentUpdatedAt", { type: "DateTime" }),
  }),
});

const ownProfile = visibleWhen("User", (user: { id: string }, context) => user.id === context.viewer?.id);

export const UserRef = builder.prismaNode("User", {
  id: { field: "id" },
  description: "A user's profile. Only its owner can read it.",
  // Readable by its owner, or through a field that grants `ownProfile` (createUser's payload).
  authScopes: (user, context) => (ownProfile(user, context) ? true : { $granted: "ownProfile" }),
  fields: (t) => ({
    displayName: t.exposeString("displayName"),
    preferences: t.field({
      type: "JSONObject",
      description: "Free-form client preferences.",
      resolve: (user) => user.preferences as Record<string, unknown>,
    }),
    features: t.field({ type: ["Float"], description: "The user's feature vector.", resolve: (user) => userFeatures(user) }),
    consent: t.field({ type: ConsentRef, resolve: (user) => user }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

const ConsentInput = builder.inputType("ConsentInput", {
  description: "Consent changes; an omitted or null flag stays as it is.",
  fields: (t) => ({
    personalization: t.boolean(),
    sharedTraining: t.boolean(),
  }),
});

const profileFields = <Required extends boolean>(required: Required) =>
  builder.inputType(required ? "CreateUserInput" : "UpdateProfileInput", {
    description: required
      ? "A new user's profile. Only displayName is required."
      : "Profile changes; an omitted or null field stays as it is.",
    // Validated as a whole, so every problem is reported at once (per-field validators stop at the first).
    validate: required ? newUserSchema : profileChangesSchema,
    fields: (t) => ({
      displayName: t.string({
        required,
        description: `${profile.displayNameMinLength}–${profile.displayNameMaxLength} characters after trimming.`,
      }),
      preferences: t.field({
        type: "JSONObject",
        description: `A JSON object, at most ${profile.preferencesMaxBytes} bytes serialised and ${profile.preferencesMaxDepth} levels deep.`,
      }),
      features: t.floatList({
        description: `At most ${profile.featuresMaxLength} numbers in [-${profile.featureMaxAbs}, ${profile.featureMaxAbs}].`,
      }),
      consent: t.field({ type: ConsentInput }),
    }),
  });

const CreateUserInput = profileFields(true);
const UpdateProfileInput = profileFields(false);

const CreateUserPayload = builder.objectRef<CreatedUser>("CreateUserPayload").implement({
  fields: (t) => ({
    apiKey: t.exposeString("apiKey", { description: "The new user's API key. Shown once: only its hash is stored." }),
    user: t.field({ type: UserRef, grantScopes: ["ownProfile"], resolve: (payload) => payload.user }),
  }),
});

const UpdateProfilePayload = builder.objectRef<{ user: User }>("UpdateProfilePayload").implement({
  fields: (t) => ({
    user: t.field({ type: UserRef, resolve: (payload) => payload.user }),
  }),
});

builder.queryField("me", (t) =>
  t.field({
    type: UserRef,
    description: "The caller's own profile.",
    authScopes: { user: true },
    resolve: (_root, _args, context) => context.viewer!,
  }),
);

builder.mutationField("createUser", (t) =>
  t.field({
    type: CreateUserPayload,
    description: `Sign up: creates a user and their first API key (returned once). No key needed; at most ${limits.rateLimit.signUpsPerIpPerHour} sign-ups per IP address per hour (by default).`,
    args: { input: t.arg({ type: CreateUserInput, required: true }) },
    errors: { directResult: true },
    resolve: async (_root, { input }, context) => {
      await context.rateLimiters.consumeSignUp(context.sourceIp);
      return createUser(context.db, input);
    },
  }),
);

builder.mutationField("updateProfile", (t) =>
  t.field({
    type: UpdateProfilePayload,
    description: "Changes the caller's own profile.",
    authScopes: { user: true },
    args: { input: t.arg({ type: UpdateProfileInput, required: true }) },
    errors: { directResult: true },
    resolve: async (_root, { input }, context) => ({ user: await updateProfile(context.db, context.viewer!.id, input) }),
  }),
);
