// Rate limits per API key, and per IP address for calls without a key and for sign-ups. The
// counters live in the database (rate-limiter-flexible's Prisma store: an atomic upsert per
// request), so every function instance shares them; a key over its limit is also remembered in
// this instance's memory until its window ends, so a flood costs no database writes.
import { RateLimiterPrisma, RateLimiterRes } from "rate-limiter-flexible";
import type { Db } from "./db.ts";
import { RateLimitedError } from "./errors.ts";

export interface RateLimitSettings {
  /** Requests per API key per window. */
  perKey: number;
  /** Requests per IP address per window without a key. */
  perAnonymousIp: number;
  /** Sign-ups per IP address per hour. */
  signUpsPerIpPerHour: number;
  windowSeconds: number;
}

export interface RateLimiters {
  /** Counts one request of this key; throws RateLimitedError past the limit. */
  consumeKey(keyId: string): Promise<void>;
  /** Counts one anonymous request from this address; throws RateLimitedError past the limit. */
  consumeAnonymous(ip: string): Promise<void>;
  /** Counts one sign-up from this address; throws RateLimitedError past the limit. */
  consumeSignUp(ip: string): Promise<void>;
}

export function createRateLimiters(db: Db, settings: RateLimitSettings): RateLimiters {
  const limiter = (keyPrefix: string, points: number, duration: number) =>
    new RateLimiterPrisma({ storeClient: db, tableName: "rateLimit", keyPrefix, points, duration, inMemoryBlockOnConsumed: points + 1 });
  const perKey = limiter("key", settings.perKey, settings.windowSeconds);
  const anonymous = limiter("ip", settings.perAnonymousIp, settings.windowSeconds);
  const signUps = limiter("signup", settings.signUpsPerIpPerHour, 3_600);

  async function consume(which: RateLimiterPrisma, key: string, name: string, describe: (seconds: number) => string): Promise<void> {
    try {
      await which.consume(key);
    } catch (outcome) {
      if (!(outcome instanceof RateLimiterRes)) throw outcome;
      const seconds = Math.max(1, Math.ceil(outcome.msBeforeNext / 1_000));
      throw new RateLimitedError(name, seconds, describe(seconds));
    }
  }

  return {
    consumeKey: (keyId) =>
      consume(perKey, keyId, "perKey", (s) => `Rate limit: this API key made more than ${settings.perKey} requests in ${settings.windowSeconds} s; retry in ${s} s`),
    consumeAnonymous: (ip) =>
      consume(anonymous, ip, "perAnonymousIp", (s) => `Rate limit: more than ${settings.perAnonymousIp} requests without an API key from your address in ${settings.windowSeconds} s; retry in ${s} s, or send your key`),
    consumeSignUp: (ip) =>
      consume(signUps, ip, "signUpsPerIpPerHour", (s) => `Rate limit: more than ${settings.signUpsPerIpPerHour} sign-ups from your address in an hour; retry in ${s} s`),
  };
}
