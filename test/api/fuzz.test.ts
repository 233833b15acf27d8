// A GraphQL-level fuzzer: random operations drawn from the schema (see random-operation.ts), sent
// through the real server stack in-process (yoga → resolvers → services → the test database),
// with a key and without. No answer may be a 5xx or an INTERNAL_SERVER_ERROR, and none may hang.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEnv } from "../../config/index.ts";
import { createGraphqlServer, type GraphqlServer } from "../../schema/server.ts";
import { schema } from "../../schema/index.ts";
import type { Db } from "../../services/index.ts";
import { connectTestDatabase, testDatabaseUrl } from "../support/database.ts";
import { OperationGenerator } from "../support/random-operation.ts";

// FUZZ_CASES and FUZZ_SEED explore further; the suite runs the fixed seed.
const CASES = Number(process.env.FUZZ_CASES ?? 10_000);
const HANG_MS = 15_000;

let db: Db;
let yoga: GraphqlServer;
let apiKey: string;
let generator: OperationGenerator;

async function send(body: string, key: string | null) {
  const response = await yoga.fetch(
    "http://localhost/graphql",
    { method: "POST", headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...(key ? { authorization: `Bearer ${key}` } : {}) }, body },
    { sourceIp: "203.0.113.77" },
  );
  return { status: response.status, text: await response.text() };
}

beforeAll(async () => {
  db = await connectTestDatabase();
  yoga = createGraphqlServer(db, readEnv({ DATABASE_URL: testDatabaseUrl(), LOG_LEVEL: "silent", RATE_LIMIT_PER_KEY: "10000000", RATE_LIMIT_PER_IP: "10000000", RATE_LIMIT_SIGNUPS_PER_HOUR: "10000000" }));
  const signUp = JSON.parse((await send(JSON.stringify({ query: `mutation { createUser(input: { displayName: "Fuzzer", features: [0.1, 0.2, 0.3, 0.4] }) { ... on CreateUserPayload { apiKey user { id } } } }` }), null)).text);
  apiKey = signUp.data.createUser.apiKey;
  // Real ids for the generator to use: the caller's own, and a shared model's.
  const models = JSON.parse((await send(JSON.stringify({ query: "{ models(first: 5) { edges { node { id } } } }" }), apiKey)).text);
  generator = new OperationGenerator(schema, [signUp.data.createUser.user.id, ...models.data.models.edges.map((e: { node: { id: string } }) => e.node.id)]);
});
afterAll(async () => { await db.$disconnect(); });

describe("GraphQL fuzzing", () => {
  it(`${CASES} random operations: no 5xx, no internal error, no hang`, { timeout: 600_000 }, async () => {
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.boolean(), async (seed, signedIn) => {
        const operation = generator.generate(seed);
        const body = JSON.stringify(operation);
        let timer: NodeJS.Timeout | undefined;
        const hang = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`hang: ${body.slice(0, 300)}`)), HANG_MS); });
        const { status, text } = await Promise.race([send(body, signedIn ? apiKey : null), hang]).finally(() => clearTimeout(timer));
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        expect(status, `${status} for ${body.slice(0, 500)}`).toBeLessThan(500);
        expect(text, `for ${body.slice(0, 500)}`).not.toContain("INTERNAL_SERVER_ERROR");
      }),
      { seed: Number(process.env.FUZZ_SEED ?? 20261201), numRuns: CASES },
    );
    const summary = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`).join(", ");
    console.log(`fuzz: ${CASES} operations, statuses ${summary}`);
  });
});
