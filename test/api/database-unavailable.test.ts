// When PostgreSQL has no connection for a request (its connection limit reached, the pool's wait
// run out, the server unreachable), the API answers at once with a typed, retryable 503 and a
// Retry-After header: never a hang, never a 500. The limit is a role's CONNECTION LIMIT, which
// PostgreSQL enforces exactly like max_connections (SQLSTATE 53300) without restarting the server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits, readEnv } from "../../config/index.ts";
import { createGraphqlServer, type GraphqlServer } from "../../schema/server.ts";
import { connectDatabase, type Db } from "../../services/index.ts";
import { createTestRole, testDatabaseUrl, type TestRole } from "../support/database.ts";
import { signUp } from "../support/graphql.ts";

const onPostgres = testDatabaseUrl().startsWith("postgres");
const ROLE = `superpose_limited_${process.pid}`;
let role: TestRole;
let apiKey: string;
const opened: Db[] = [];

/** A GraphQL server whose database connections are those of `url`, with the given pool. */
async function serverOn(url: string, pool: { max: number; connectTimeoutMs?: number }): Promise<{ db: Db; server: GraphqlServer }> {
  const db = await connectDatabase(url, { pool });
  opened.push(db);
  return { db, server: createGraphqlServer(db, readEnv({ DATABASE_URL: url, LOG_LEVEL: "silent" })) };
}

async function send(server: GraphqlServer, query: string) {
  const response = await server.fetch(
    "http://localhost/graphql",
    { method: "POST", headers: { "content-type": "application/json", accept: "application/graphql-response+json", authorization: `Bearer ${apiKey}` }, body: JSON.stringify({ query }) },
    { sourceIp: "198.51.100.77" },
  );
  return { status: response.status, retryAfter: response.headers.get("retry-after"), body: (await response.json()) as { data?: unknown; errors?: { message: string; extensions: { code: string } }[] } };
}

describe.skipIf(!onPostgres)("the database out of connections (PostgreSQL)", () => {
  beforeAll(async () => {
    ({ apiKey } = await signUp());
    role = await createTestRole(ROLE, 2);
  });
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.$disconnect()));
    await role.drop();
  });

  it("serves the warm instances that hold the connections, and answers the rest 503 + Retry-After", async () => {
    // Six instances of one connection each against a limit of 2: two warm up first (as after
    // earlier traffic) and keep their connections; then all six get two requests at once.
    const instances = await Promise.all(Array.from({ length: 6 }, () => serverOn(role.url, { max: 1 })));
    const query = "{ me { id displayName circuits(first: 5) { totalCount } datasets(first: 5) { totalCount } } models(first: 5) { totalCount } }";
    for (const { server } of instances.slice(0, 2)) expect((await send(server, query)).status).toBe(200);
    const answers = await Promise.all(instances.flatMap(({ server }) => [send(server, query), send(server, query)]));

    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, ...Array(8).fill(503)]);
    for (const answer of answers.slice(4)) {
      expect(answer.retryAfter).toBe(String(limits.database.retryAfterSeconds));
      expect(answer.body.errors?.[0]?.extensions.code).toBe("UNAVAILABLE");
      expect(answer.body.errors?.[0]?.message).toMatch(/no free connection .* Retry after 1 s/);
    }
    expect(answers.flatMap((a) => a.body.errors ?? []).some((e) => e.extensions.code === "INTERNAL_SERVER_ERROR")).toBe(false);
  });

  it("answers 503 when the pool's wait for a connection runs out, instead of waiting for ever", async () => {
    const { db, server } = await serverOn(testDatabaseUrl(), { max: 1, connectTimeoutMs: 100 });
    const holding = db.$executeRawUnsafe("SELECT pg_sleep(1.5)").then(() => {}); // the only connection, busy
    await new Promise((resolve) => setTimeout(resolve, 200));
    const answer = await send(server, "{ me { id } }");
    await holding;
    expect(answer.status).toBe(503);
    expect(answer.retryAfter).toBe("1");
    expect(answer.body.errors?.[0]?.extensions.code).toBe("UNAVAILABLE");
    // And once the connection is free again, the same instance answers.
    expect((await send(server, "{ me { id } }")).status).toBe(200);
  });

  it("answers 503 when the database cannot be reached", async () => {
    const unreachable = new URL(testDatabaseUrl());
    unreachable.port = "9"; // discard: nothing listens there on loopback
    const { server } = await serverOn(unreachable.toString(), { max: 1 });
    const answer = await send(server, "{ me { id } }");
    expect(answer.status).toBe(503);
    expect(answer.retryAfter).toBe("1");
    expect(answer.body.errors?.[0]?.extensions.code).toBe("UNAVAILABLE");
  });
});
