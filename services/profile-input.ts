// What a valid user profile looks like, as schemas (Standard Schema, via zod) built from the
// documented limits. The GraphQL layer validates arguments with these before calling a service.
import * as z from "zod";
import { limits } from "../config/index.ts";
import { nameText } from "./text.ts";

const { profile } = limits;

export const displayNameSchema = nameText(profile.displayNameMinLength, profile.displayNameMaxLength, profile.displayNameMaxLength * 4);

export const preferencesSchema = z
  .record(z.string(), z.json())
  .refine((value) => jsonByteLength(value) <= profile.preferencesMaxBytes, {
    error: `must be at most ${profile.preferencesMaxBytes} bytes as JSON`,
  })
  .refine((value) => jsonDepth(value) <= profile.preferencesMaxDepth, {
    error: `must be nested at most ${profile.preferencesMaxDepth} levels deep`,
  });

export const featuresSchema = z
  .array(
    z
      .number()
      .min(-profile.featureMaxAbs, { error: `must be between -${profile.featureMaxAbs} and ${profile.featureMaxAbs}` })
      .max(profile.featureMaxAbs, { error: `must be between -${profile.featureMaxAbs} and ${profile.featureMaxAbs}` }),
  )
  .max(profile.featuresMaxLength, { error: `must have at most ${profile.featuresMaxLength} values` });

export const consentSchema = z.object({
  personalization: z.boolean().nullish(),
  sharedTraining: z.boolean().nullish(),
});

export const newUserSchema = z.object({
  displayName: displayNameSchema,
  preferences: preferencesSchema.nullish(),
  features: featuresSchema.nullish(),
  consent: consentSchema.nullish(),
});

/** Every field is optional; a missing or null field is left as it is. */
export const profileChangesSchema = newUserSchema.partial();

export interface Consent {
  personalization?: boolean | null;
  sharedTraining?: boolean | null;
}

/** A sign-up, as validated by newUserSchema. */
export interface NewUser {
  displayName: string;
  preferences?: Record<string, unknown> | null;
  features?: number[] | null;
  consent?: Consent | null;
}

/** Changes to a profile, as validated by profileChangesSchema; null or absent means unchanged. */
export type ProfileChanges = { [Field in keyof NewUser]?: NewUser[Field] | null };

function jsonByteLength(value: unknown): number {
  return new TextEncoder().encode(JSON.stringify(value)).byteLength;
}

/** Nesting depth of a JSON value: a scalar is 0, {} or [] is 1, [[1]] is 2. */
function jsonDepth(value: unknown): number {
  if (value === null || typeof value !== "object") return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  let deepest = 0;
  for (const child of children) deepest = Math.max(deepest, jsonDepth(child));
  return 1 + deepest;
}
