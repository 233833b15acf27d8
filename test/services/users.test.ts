// Users and API keys against the real database (SQLite, or PostgreSQL with TEST_POSTGRES_URL).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  authenticateApiKey,
  createUser,
  findUser,
  hashApiKey,
  NotFoundError,
  UnauthenticatedError,
  updateProfile,
  userFeatures,
  type Db,
} from "../../services/index.ts";
import { connectTestDatabase } from "../support/database.ts";

let db: Db;
beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => { await db.$disconnect(); });

describe("createUser", () => {
  it("stores the profile and only a hash of the key it returns once", async () => {
    const { user, apiKey } = await createUser(db, {
      displayName: "Grace",
      preferences: { theme: "light", nested: { a: [1, 2] } },
      features: [0.5, -1.25],
      consent: { personalization: true },
    });
    expect(apiKey).toMatch(/^sp_[A-Za-z0-9_-]{43}$/);
    const stored = await findUser(db, user.id);
    expect(stored.preferences).toEqual({ theme: "light", nested: { a: [1, 2] } });
    expect(userFeatures(stored)).toEqual([0.5, -1.25]);
    expect([stored.consentPersonalization, stored.consentSharedTraining]).toEqual([true, false]);
    const keys = await db.apiKey.findMany({ where: { userId: user.id } });
    expect(keys).toHaveLength(1);
    expect(keys[0]!.hash).toBe(hashApiKey(apiKey));
    expect(JSON.stringify(keys)).not.toContain(apiKey);
    expect(keys[0]!.prefix).toBe(apiKey.slice(0, 10));
  });

  it("defaults preferences, features and consent", async () => {
    const { user } = await createUser(db, { displayName: "Plain" });
    expect([user.preferences, user.features, user.consentPersonalization, user.consentSharedTraining]).toEqual([{}, [], false, false]);
  });
});

describe("updateProfile", () => {
  it("changes given fields, keeps absent or null ones, and stamps consent changes only", async () => {
    const { user } = await createUser(db, { displayName: "Before", features: [1, 2, 3], preferences: { a: 1 } });
    const renamed = await updateProfile(db, user.id, { displayName: "After", features: null });
    expect(renamed.displayName).toBe("After");
    expect(userFeatures(renamed)).toEqual([1, 2, 3]);
    expect(renamed.preferences).toEqual({ a: 1 });
    expect(renamed.consentUpdatedAt.getTime()).toBe(user.consentUpdatedAt.getTime());

    const consented = await updateProfile(db, user.id, { consent: { sharedTraining: true } });
    expect([consented.consentPersonalization, consented.consentSharedTraining]).toEqual([false, true]);
    expect(consented.consentUpdatedAt.getTime()).toBeGreaterThanOrEqual(user.consentUpdatedAt.getTime());
    expect(consented.updatedAt.getTime()).toBeGreaterThanOrEqual(renamed.updatedAt.getTime());
  });

  it("findUser refuses an unknown id with NotFoundError", async () => {
    await expect(findUser(db, "no-such-user")).rejects.toBeInstanceOf(NotFoundError);
  });
});

describe("authenticateApiKey", () => {
  it("finds the key's user and records when the key was used", async () => {
    const { user, apiKey } = await createUser(db, { displayName: "Keyholder" });
    expect((await authenticateApiKey(db, apiKey)).user.id).toBe(user.id);
    const key = await db.apiKey.findFirstOrThrow({ where: { userId: user.id } });
    expect(key.lastUsedAt).not.toBeNull();
  });

  it("refreshes lastUsedAt at most once a minute", async () => {
    const { user, apiKey } = await createUser(db, { displayName: "Frequent" });
    const t0 = new Date("2030-01-01T00:00:00Z");
    await authenticateApiKey(db, apiKey, t0);
    await authenticateApiKey(db, apiKey, new Date(t0.getTime() + 59_000));
    const after59s = await db.apiKey.findFirstOrThrow({ where: { userId: user.id } });
    expect(after59s.lastUsedAt?.toISOString()).toBe(t0.toISOString());
    const t61 = new Date(t0.getTime() + 61_000);
    await authenticateApiKey(db, apiKey, t61);
    const after61s = await db.apiKey.findFirstOrThrow({ where: { userId: user.id } });
    expect(after61s.lastUsedAt?.toISOString()).toBe(t61.toISOString());
  });

  it("refuses malformed, unknown and revoked keys", async () => {
    await expect(authenticateApiKey(db, "not-a-key")).rejects.toThrow(/malformed/);
    await expect(authenticateApiKey(db, `sp_${"A".repeat(43)}`)).rejects.toThrow(/not valid/);
    const { user, apiKey } = await createUser(db, { displayName: "Revoked" });
    await db.apiKey.updateMany({ where: { userId: user.id }, data: { revokedAt: new Date() } });
    await expect(authenticateApiKey(db, apiKey)).rejects.toBeInstanceOf(UnauthenticatedError);
  });
});
