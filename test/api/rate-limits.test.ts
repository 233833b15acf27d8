// Rate limits hold across function instances: two GraphQL servers (two warm Lambdas) over the
// same database share their counters, so concurrent requests through both are admitted exactly
// up to the limit, and the rest get 429 with Retry-After.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEnv } from "../../config/index.ts";
import { createGraphqlServer, type GraphqlServer } from "../../schema/server.ts";
import type { Db } from "../../services/index.ts";
import { connectTestDatabase, testDatabaseUrl } from "../support/database.ts";
import { awayFromWindowEdge } from "../support/rate-windows.ts";

const LIMITS = { RATE_LIMIT_PER_KEY: "10", RATE_LIMIT_PER_IP: "6", RATE_LIMIT_SIGNUPS_PER_HOUR: "3" };
let db: Db;
let instances: GraphqlServer[];

beforeAll(async () => {
  db = await connectTestDatabase();
  const env = readEnv({ DATABASE_URL: testDatabaseUrl(), LOG_LEVEL: "silent", ...LIMITS });
  instances = [createGraphqlServer(db, env), createGraphqlServer(db, env)];
});
afterAll(async () => { await db.$disconnect(); });

/** A request through instance i, from an address of this test's own (TEST-NET-2). */
async function send(i: number, sourceIp: string, query: string, variables?: Record<string, unknown>, apiKey?: string) {
  const response = await instances[i % 2]!.fetch(
    "http://localhost/graphql",
    {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      body: JSON.stringify({ query, variables }),
    },
    { sourceIp },
  );
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.json() };
}

const SIGN_UP = `mutation ($n: String!) { createUser(input: { displayName: $n }) { ... on CreateUserPayload { apiKey } } }`;

describe("rate limits shared by instances", () => {
  it("sign-ups: 3 per address per hour, counted across both instances, even when concurrent", async () => {
    await awayFromWindowEdge(3_600);
    const before = await db.user.count({ where: { displayName: { startsWith: "rate-limited-" } } });
    // 6 requests: within the address's allowance without a key (6), so only the sign-up limit refuses.
    const results = await Promise.all(Array.from({ length: 6 }, (_, i) => send(i, "198.51.100.1", SIGN_UP, { n: `rate-limited-${i}` })));
    expect(results.filter((r) => r.status === 200 && r.body.data?.createUser.apiKey)).toHaveLength(3);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(3);
    expect(refused[0]!.body.errors[0]).toMatchObject({ extensions: { code: "RATE_LIMITED" } });
    expect(refused[0]!.body.errors[0].message).toContain("more than 3 sign-ups from your address in an hour");
    expect(Number(refused[0]!.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(refused[0]!.retryAfter)).toBeLessThanOrEqual(3_600); // until the hour's window ends
    expect(await db.user.count({ where: { displayName: { startsWith: "rate-limited-" } } })).toBe(before + 3);
  });

  it("calls without a key: 6 per address per window; another address is not affected", async () => {
    await awayFromWindowEdge(60);
    const results = await Promise.all(Array.from({ length: 14 }, (_, i) => send(i, "198.51.100.2", "{ health { status } }")));
    expect(results.filter((r) => r.status === 200)).toHaveLength(6);
    expect(results.filter((r) => r.status === 429)).toHaveLength(8);
    expect((await send(0, "198.51.100.3", "{ health { status } }")).status).toBe(200);
  });

  it("per key: 10 per window whichever instance answers; the user's other key has its own allowance", async () => {
    const apiKey = (await send(0, "198.51.100.4", SIGN_UP, { n: "rate-limited-key" })).body.data.createUser.apiKey as string;
    await awayFromWindowEdge(60);
    const results = await Promise.all(Array.from({ length: 30 }, (_, i) => send(i, "198.51.100.5", "{ me { displayName } }", undefined, apiKey)));
    // The sign-up used none of the key's allowance; every request here counts once.
    expect(results.filter((r) => r.status === 200)).toHaveLength(10);
    const refused = results.filter((r) => r.status === 429);
    expect(refused).toHaveLength(20);
    expect(refused.every((r) => Number(r.retryAfter) >= 1 && Number(r.retryAfter) <= 60)).toBe(true);
    expect(refused[0]!.body.errors[0].message).toContain("this API key made more than 10 requests in 60 s");
    expect(await db.rateLimit.count({ where: { key: { startsWith: "key:" } } })).toBeGreaterThan(0); // counters live in the database
  });
});
