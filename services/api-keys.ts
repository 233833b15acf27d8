// API keys: random secrets shown once, stored only as SHA-256 hashes. A key is 256 random bits,
// so a fast hash is enough (no password-style stretching needed) and lookups stay O(1) by hash.
import { createHash, randomBytes } from "node:crypto";
import { limits } from "../config/index.ts";
import type { Db } from "./db.ts";
import { InvalidInputError, NotFoundError, UnauthenticatedError } from "./errors.ts";
import { inTransaction, lockRow } from "./transactions.ts";
import type { User } from "./users.ts";

export type ApiKeyRecord = Awaited<ReturnType<Db["apiKey"]["findUniqueOrThrow"]>>;

/** Who a request is: the user, and which of their keys it came with (rate limits count per key). */
export interface Caller {
  user: User;
  keyId: string;
}

const KEY_PREFIX = "sp_";
const KEY_PATTERN = /^sp_[A-Za-z0-9_-]{43}$/;
/** How stale `lastUsedAt` may get before a request refreshes it (saves a write per request). */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface NewApiKey {
  /** The secret to hand to the user, once. */
  secret: string;
  /** The first characters of the secret, stored to let users tell keys apart. */
  prefix: string;
  hash: string;
}

export function generateApiKey(): NewApiKey {
  const secret = KEY_PREFIX + randomBytes(32).toString("base64url");
  return { secret, prefix: secret.slice(0, 10), hash: hashApiKey(secret) };
}

export function hashApiKey(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

export function looksLikeApiKey(secret: string): boolean {
  return KEY_PATTERN.test(secret);
}

/** When this process last recorded each key's use (hash → ms), so a hot key costs one write a minute. */
const lastRecorded = new Map<string, number>();

/**
 * The user a presented key belongs to, and the key's id. Throws UnauthenticatedError for a
 * malformed, unknown, revoked or expired key: a client that sends a key expects it to work, so a
 * bad one is never anonymous. Checked on every request, so a revoked key stops at once.
 */
export async function authenticateApiKey(db: Db, secret: string, now = new Date()): Promise<Caller> {
  if (!looksLikeApiKey(secret)) {
    throw new UnauthenticatedError("The API key is malformed: expected `sp_` followed by 43 URL-safe base64 characters");
  }
  const hash = hashApiKey(secret);
  // One statement on the hot path: the user owning an active key with this hash.
  const user = await db.user.findFirst({ where: { apiKeys: { some: { hash, ...activeAt(now) } } } });
  if (!user) throw await refusal(db, hash);
  const keyId = await keyIdOf(db, hash);
  const recorded = lastRecorded.get(hash);
  if (recorded === undefined || now.getTime() - recorded > LAST_USED_RESOLUTION_MS) {
    const cutoff = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await db.apiKey.updateMany({ where: { hash, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: cutoff } }] }, data: { lastUsedAt: now } });
    if (lastRecorded.size > 10_000) lastRecorded.clear();
    lastRecorded.set(hash, now.getTime());
  }
  return { user, keyId };
}

/** Key ids by hash, remembered per process (a hash always names the same key). */
const keyIds = new Map<string, string>();

async function keyIdOf(db: Db, hash: string): Promise<string> {
  let id = keyIds.get(hash);
  if (id === undefined) {
    id = (await db.apiKey.findUniqueOrThrow({ where: { hash }, select: { id: true } })).id;
    if (keyIds.size > 10_000) keyIds.clear();
    keyIds.set(hash, id);
  }
  return id;
}

/** Why a key was refused, in words for its holder (only read when it was). */
async function refusal(db: Db, hash: string): Promise<UnauthenticatedError> {
  const key = await db.apiKey.findUnique({ where: { hash }, select: { revokedAt: true, expiresAt: true } });
  if (key && key.revokedAt === null && key.expiresAt !== null) {
    return new UnauthenticatedError(`The API key expired at ${key.expiresAt.toISOString()}; use another key, or create one with createApiKey`);
  }
  return new UnauthenticatedError("The API key is not valid (unknown or revoked)");
}

export interface NewKeyInput {
  name: string;
  expiresAt?: Date | null;
}

/** An active key: not revoked, and not expired at `now`. */
function activeAt(now: Date) {
  return { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] };
}

/**
 * A new key for the user (the secret is returned once). At most limits.apiKeys.maxActivePerUser
 * active keys; counted and created under the user's row lock, so concurrent creations cannot pass it.
 */
export async function createApiKey(db: Db, userId: string, input: NewKeyInput, now = new Date()): Promise<{ key: ApiKeyRecord; secret: string }> {
  const issues = [];
  if (input.expiresAt && input.expiresAt <= now) issues.push({ path: ["input", "expiresAt"], message: "must be in the future" });
  const latest = new Date(now.getTime() + limits.apiKeys.maxLifetimeDays * 86_400_000);
  if (input.expiresAt && input.expiresAt > latest) issues.push({ path: ["input", "expiresAt"], message: `must be within ${limits.apiKeys.maxLifetimeDays} days` });
  if (issues.length) throw new InvalidInputError(issues);
  const generated = generateApiKey();
  const key = await inTransaction(db, async (tx) => {
    await lockRow(tx, "User", userId);
    const active = await tx.apiKey.count({ where: { userId, ...activeAt(now) } });
    if (active >= limits.apiKeys.maxActivePerUser) {
      throw new InvalidInputError([{ path: ["input"], message: `you have ${active} active keys, the most allowed (${limits.apiKeys.maxActivePerUser}); revoke one first` }]);
    }
    return tx.apiKey.create({ data: { userId, name: input.name, prefix: generated.prefix, hash: generated.hash, expiresAt: input.expiresAt ?? null } });
  });
  return { key, secret: generated.secret };
}

/** The user's keys, newest first: active, expired and revoked alike (no secrets, no hashes). */
export async function listApiKeys(db: Db, userId: string): Promise<ApiKeyRecord[]> {
  return db.apiKey.findMany({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 200 });
}

/**
 * Revokes one of the user's keys at once. The last active key is kept unless `allowLast`: losing
 * it would lock the user out of their account (deleteMe is the way to leave).
 */
export async function revokeApiKey(db: Db, userId: string, keyId: string, options: { allowLast?: boolean } = {}, now = new Date()): Promise<ApiKeyRecord> {
  return inTransaction(db, async (tx) => {
    await lockRow(tx, "User", userId);
    const key = await tx.apiKey.findUnique({ where: { id: keyId } });
    if (!key || key.userId !== userId) throw new NotFoundError("ApiKey", keyId);
    if (key.revokedAt) return key;
    const others = await tx.apiKey.count({ where: { userId, ...activeAt(now), id: { not: keyId } } });
    if (others === 0 && !options.allowLast) {
      throw new InvalidInputError([{ path: ["id"], message: "this is your last active key: create another first (createApiKey), or pass allowLast: true to lock yourself out" }]);
    }
    return tx.apiKey.update({ where: { id: keyId }, data: { revokedAt: now } });
  });
}
