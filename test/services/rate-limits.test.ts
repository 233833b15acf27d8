// The rate-limit counters against the real database, with the clock in the test's hands: a window
// admits exactly its allowance, the next window starts afresh, Retry-After counts down to the
// window's end, and ended windows are cleaned up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRateLimiters, RateLimitedError, type Db } from "../../services/index.ts";
import { connectTestDatabase } from "../support/database.ts";

let db: Db;
beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => { await db.$disconnect(); });

describe("rate-limit counters", () => {
  it("a window admits its allowance; the next one starts afresh; Retry-After runs to the window's end", async () => {
    let clock = Date.UTC(2030, 0, 1, 12, 0, 10); // 10 s into a minute
    const limiters = createRateLimiters(db, { perKey: 3, perAnonymousIp: 1, signUpsPerIpPerHour: 1, windowSeconds: 60 }, () => clock);
    const key = `window-test-${process.pid}`;
    for (let i = 0; i < 3; i++) await limiters.consumeKey(key);
    const refused = await limiters.consumeKey(key).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect((refused as RateLimitedError).retryAfterSeconds).toBe(50);
    clock += 49_000; // still the same window: refused from memory, the counter untouched
    const points = (await db.rateLimit.findFirstOrThrow({ where: { key: { startsWith: `key:${key}:` } } })).points;
    await expect(limiters.consumeKey(key)).rejects.toMatchObject({ retryAfterSeconds: 1 });
    expect((await db.rateLimit.findFirstOrThrow({ where: { key: { startsWith: `key:${key}:` } } })).points).toBe(points);
    clock += 2_000; // the next window
    await limiters.consumeKey(key);
  });

  it("windows that ended are deleted by the next instance that comes by after five minutes", async () => {
    let clock = Date.UTC(2020, 0, 2, 0, 0, 0); // in the past: its cleanup cannot reach other tests' counters
    const limiters = createRateLimiters(db, { perKey: 5, perAnonymousIp: 5, signUpsPerIpPerHour: 5, windowSeconds: 60 }, () => clock);
    const ip = `cleanup-${process.pid}`;
    await limiters.consumeAnonymous(ip);
    expect(await db.rateLimit.count({ where: { key: { startsWith: `ip:${ip}:` } } })).toBe(1);
    clock += 11 * 60_000;
    await limiters.consumeAnonymous(ip); // past the cleanup time: the old window goes
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await db.rateLimit.count({ where: { key: { startsWith: `ip:${ip}:` } } })).toBe(1);
  });
});
