// User profiles: sign-up (a user and their first API key, atomically) and profile changes.
import type { Prisma } from "../prisma/generated/sqlite/client.ts";
import type { Db } from "./db.ts";
import { generateApiKey } from "./api-keys.ts";
import { NotFoundError } from "./errors.ts";
import type { NewUser, ProfileChanges } from "./profile-input.ts";

export type User = Awaited<ReturnType<Db["user"]["findUniqueOrThrow"]>>;

export interface CreatedUser {
  user: User;
  /** The API key's secret. It is not stored and cannot be shown again. */
  apiKey: string;
}

export async function createUser(db: Db, input: NewUser): Promise<CreatedUser> {
  const key = generateApiKey();
  const user = await db.user.create({
    data: {
      displayName: input.displayName,
      preferences: (input.preferences ?? {}) as Prisma.InputJsonObject,
      features: input.features ?? [],
      consentPersonalization: input.consent?.personalization ?? false,
      consentSharedTraining: input.consent?.sharedTraining ?? false,
      apiKeys: { create: { prefix: key.prefix, hash: key.hash } },
    },
  });
  return { user, apiKey: key.secret };
}

export async function findUser(db: Db, id: string): Promise<User> {
  const user = await db.user.findUnique({ where: { id } });
  if (!user) throw new NotFoundError("User", id);
  return user;
}

/** Applies the given changes; absent or null fields stay as they are. */
export async function updateProfile(db: Db, userId: string, changes: ProfileChanges): Promise<User> {
  const consentChanged = changes.consent?.personalization != null || changes.consent?.sharedTraining != null;
  return db.user.update({
    where: { id: userId },
    data: {
      displayName: changes.displayName ?? undefined,
      preferences: (changes.preferences ?? undefined) as Prisma.InputJsonObject | undefined,
      features: changes.features ?? undefined,
      consentPersonalization: changes.consent?.personalization ?? undefined,
      consentSharedTraining: changes.consent?.sharedTraining ?? undefined,
      consentUpdatedAt: consentChanged ? new Date() : undefined,
    },
  });
}

/** The stored feature vector (the column is JSON; the API only ever writes arrays of numbers). */
export function userFeatures(user: User): number[] {
  return Array.isArray(user.features) ? (user.features as number[]) : [];
}
