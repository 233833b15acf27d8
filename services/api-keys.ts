// API keys: random secrets shown once, stored only as SHA-256 hashes. A key is 256 random bits,
// so a fast hash is enough (no password-style stretching needed) and lookups stay O(1) by hash.
import { createHash, randomBytes } from "node:crypto";
import type { Db } from "./db.ts";
import { UnauthenticatedError } from "./errors.ts";

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
 * The user a presented key belongs to. Throws UnauthenticatedError for a malformed, unknown or
 * revoked key: a client that sends a key expects it to work, so a bad one is never anonymous.
 */
export async function authenticateApiKey(db: Db, secret: string, now = new Date()) {
  if (!looksLikeApiKey(secret)) {
    throw new UnauthenticatedError("The API key is malformed: expected `sp_` followed by 43 URL-safe base64 characters");
  }
  const hash = hashApiKey(secret);
  // One statement: the user owning an unrevoked key with this hash.
  const user = await db.user.findFirst({ where: { apiKeys: { some: { hash, revokedAt: null } } } });
  if (!user) throw new UnauthenticatedError("The API key is not valid (unknown or revoked)");
  const recorded = lastRecorded.get(hash);
  if (recorded === undefined || now.getTime() - recorded > LAST_USED_RESOLUTION_MS) {
    const cutoff = new Date(now.getTime() - LAST_USED_RESOLUTION_MS);
    await db.apiKey.updateMany({ where: { hash, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: cutoff } }] }, data: { lastUsedAt: now } });
    if (lastRecorded.size > 10_000) lastRecorded.clear();
    lastRecorded.set(hash, now.getTime());
  }
  return user;
}
