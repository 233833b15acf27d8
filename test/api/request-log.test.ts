// The request log: one JSON line per request with what an operator needs (operation, a
// pseudonymous user, status, duration, cost, work, error codes) and nothing a client sent that
// could be secret or large: no keys, no arguments, no stack traces for client errors.
import { Writable } from "node:stream";
import { decodeGlobalID } from "@pothos/plugin-relay";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEnv } from "../../config/index.ts";
import { createGraphqlServer, type GraphqlServer } from "../../schema/server.ts";
import { pseudonym, type Db } from "../../services/index.ts";
import { connectTestDatabase, testDatabaseUrl } from "../support/database.ts";

let db: Db;
let yoga: GraphqlServer;
const lines: string[] = [];

beforeAll(async () => {
  db = await connectTestDatabase();
  const sink = new Writable({ write(chunk, _encoding, done) { lines.push(...String(chunk).split("\n").filter(Boolean)); done(); } });
  yoga = createGraphqlServer(db, readEnv({ DATABASE_URL: testDatabaseUrl() }), pino({ level: "info" }, sink));
});
afterAll(async () => { await db.$disconnect(); });

async function send(body: string, apiKey?: string) {
  lines.length = 0;
  const response = await yoga.fetch(
    "http://localhost/graphql",
    { method: "POST", headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) }, body },
    { sourceIp: "203.0.113.9" },
  );
  await response.text();
  return { status: response.status, log: lines.map((line) => JSON.parse(line) as Record<string, unknown>), bytes: lines.join("\n").length };
}

describe("request log", () => {
  it("one line per request: operation, user, status and error codes; no arguments", async () => {
    const signUp = await send(JSON.stringify({ query: `mutation SignUp { createUser(input: { displayName: "Logged Person" }) { ... on CreateUserPayload { apiKey user { id } } } }` }));
    expect(signUp.log).toHaveLength(1);
    expect(signUp.log[0]).toMatchObject({ msg: "request", operation: "SignUp", user: null, status: 200 });
    expect(JSON.stringify(signUp.log)).not.toContain("Logged Person");

    const anonymous = await send(JSON.stringify({ query: `query Me { me { id } }` }));
    expect(anonymous.log).toEqual([expect.objectContaining({ operation: "Me", user: null, status: 401, errors: ["UNAUTHENTICATED"] })]);
  });

  it("a signed-in request names its user by pseudonym, with its cost and work", async () => {
    const response = await yoga.fetch("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: `mutation { createUser(input: { displayName: "Worker" }) { ... on CreateUserPayload { apiKey user { id } } } }` }),
    }, { sourceIp: "203.0.113.9" });
    const signUp = await response.json();
    const { apiKey, user } = signUp.data.createUser;
    const sim = await send(JSON.stringify({ query: `query Bell { simulate(input: { qasm: "OPENQASM 2.0; include \\"qelib1.inc\\"; qreg q[2]; h q[0]; cx q[0], q[1];" }) { ... on Simulation { numQubits } } }` }), apiKey);
    expect(sim.log).toHaveLength(1);
    const line = sim.log[0]!;
    expect(line).toMatchObject({ operation: "Bell", user: pseudonym(decodeGlobalID(user.id).id), status: 200 });
    expect(line.cost).toBeGreaterThan(50);
    expect(line.work).toBeGreaterThan(0);
    expect(typeof line.durationMs).toBe("number");
    expect(JSON.stringify(line)).not.toContain(apiKey);
    expect(JSON.stringify(line)).not.toContain("OPENQASM");
  });

  it("client errors log one short line without a stack: a bad key, a 12 KB nested query", async () => {
    const badKey = await send(JSON.stringify({ query: "{ health { status } }" }), `sp_${"A".repeat(43)}`);
    expect(badKey.status).toBe(401);
    expect(badKey.log).toHaveLength(1);
    expect(badKey.log[0]).toMatchObject({ status: 401, errors: ["UNAUTHENTICATED"] });
    expect(JSON.stringify(badKey.log)).not.toMatch(/stack|AAAAAAAA/);

    const nested = JSON.stringify({ query: `{ ${"me { ".repeat(2_000)}id${" }".repeat(2_000)} }` });
    expect(nested.length).toBeGreaterThan(12_000);
    const deep = await send(nested);
    expect(deep.status).toBe(400);
    expect(deep.log).toHaveLength(1);
    expect(deep.bytes).toBeLessThan(400); // the request was 12 KB: no amplification
  });
});
