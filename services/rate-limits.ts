// Rate limits per API key, and per IP address for calls without a key and for sign-ups: fixed
// windows counted in the database, so every function instance shares them. One request costs one
// atomic statement (an upsert that increments the window's counter and returns it); a key over its
// limit is also remembered in this instance's memory until its window ends, so a flood costs no
// database writes. Old windows are deleted now and then, by whichever instance comes by.
//
// rate-limiter-flexible's Prisma store does the same with a DELETE before every upsert (two
// statements a request); on the serving path that cost ~40 % of throughput, so the counter is ours.
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

/** How often an instance deletes windows that ended (and how long ended windows are kept). */
const CLEANUP_EVERY_MS = 5 * 60_000;

export function createRateLimiters(db: Db, settings: RateLimitSettings, now: () => number = Date.now): RateLimiters {
  const blocked = new Map<string, number>(); // counter key → when its window ends (ms)
  let nextCleanup = now() + CLEANUP_EVERY_MS;

  async function consume(prefix: string, id: string, points: number, windowSeconds: number, describe: (seconds: number) => string): Promise<void> {
    const at = now();
    const windowMs = windowSeconds * 1_000;
    const windowEnd = (Math.floor(at / windowMs) + 1) * windowMs;
    const key = `${prefix}:${id}:${windowEnd}`;
    const refuse = () => {
      const seconds = Math.max(1, Math.ceil((windowEnd - at) / 1_000));
      return new RateLimitedError(prefix, seconds, describe(seconds));
    };
    if ((blocked.get(key) ?? 0) > at) throw refuse();
    const counter = await db.rateLimit.upsert({
      where: { key },
      create: { key, points: 1, expire: new Date(windowEnd) },
      update: { points: { increment: 1 } },
      select: { points: true },
    });
    if (at >= nextCleanup) {
      nextCleanup = at + CLEANUP_EVERY_MS;
      void db.rateLimit.deleteMany({ where: { expire: { lt: new Date(at - CLEANUP_EVERY_MS) } } }).catch(() => undefined);
      for (const [k, until] of blocked) if (until <= at) blocked.delete(k);
    }
    if (counter.points > points) {
      blocked.set(key, windowEnd);
      throw refuse();
    }
  }

  return {
    consumeKey: (keyId) =>
      consume("key", keyId, settings.perKey, settings.windowSeconds, (s) => `Rate limit: this API key made more than ${settings.perKey} requests in ${settings.windowSeconds} s; retry in ${s} s`),
    consumeAnonymous: (ip) =>
      consume("ip", ip, settings.perAnonymousIp, settings.windowSeconds, (s) => `Rate limit: more than ${settings.perAnonymousIp} requests without an API key from your address in ${settings.windowSeconds} s; retry in ${s} s, or send your key`),
    consumeSignUp: (ip) =>
      consume("signup", ip, settings.signUpsPerIpPerHour, 3_600, (s) => `Rate limit: more than ${settings.signUpsPerIpPerHour} sign-ups from your address in an hour; retry in ${s} s`),
  };
}
