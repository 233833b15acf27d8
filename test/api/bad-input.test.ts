// Bad requests get a clear GraphQL error with the right HTTP status, and write nothing.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { limits } from "../../config/index.ts";
import type { Db } from "../../services/index.ts";
import { connectTestDatabase } from "../support/database.ts";
import { graphql, signUp } from "../support/graphql.ts";

let db: Db;
beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => { await db.$disconnect(); });

const CREATE = `mutation ($input: CreateUserInput!) { createUser(input: $input) { __typename } }`;

async function post(body: string, headers: Record<string, string> = {}) {
  const response = await fetch(inject("graphqlUrl"), {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...headers },
    body,
  });
  return { status: response.status, headers: response.headers, json: await response.json() };
}

/** Runs `act` and checks that the number of users and keys did not change. */
async function expectNothingWritten(act: () => Promise<void>) {
  const before = [await db.user.count(), await db.apiKey.count()];
  await act();
  // Other test files write concurrently, so compare against a marker name rather than counts alone.
  const marker = await db.user.count({ where: { displayName: "must-not-exist" } });
  expect(marker).toBe(0);
  expect([await db.user.count(), await db.apiKey.count()].every((n, i) => n >= before[i]!)).toBe(true);
}

describe("malformed requests", () => {
  it("malformed JSON: 400 BAD_REQUEST", async () => {
    await expectNothingWritten(async () => {
      const { status, json } = await post(`{"query": "mutation { createUser(input: {displayName: \\"must-not-exist\\"}) { __typename } }"`);
      expect(status).toBe(400);
      expect(json.errors[0].message).toMatch(/invalid JSON/i);
    });
  });

  it("a field that does not exist: 400 with the field's name", async () => {
    const { status, json } = await post(JSON.stringify({ query: "{ me { id password } }" }));
    expect(status).toBe(400);
    expect(json.errors[0].message).toBe('Cannot query field "password" on type "User".');
    expect(json.errors[0].locations).toEqual([{ line: 1, column: 11 }]);
  });

  it("an unknown input field: 400, nothing written", async () => {
    await expectNothingWritten(async () => {
      const { status, json } = await post(JSON.stringify({ query: CREATE, variables: { input: { displayName: "must-not-exist", isAdmin: true } } }));
      expect(status).toBe(400);
      expect(json.errors[0].message).toMatch(/Field "isAdmin" is not defined by type "CreateUserInput"/);
    });
  });

  it("a value of the wrong type: 400, nothing written", async () => {
    await expectNothingWritten(async () => {
      const { status, json } = await post(JSON.stringify({ query: CREATE, variables: { input: { displayName: "must-not-exist", features: ["high"] } } }));
      expect(status).toBe(400);
      expect(json.errors[0].message).toBe('Variable "$input" got invalid value "high" at "input.features[0]"; Float cannot represent non numeric value: "high"');
    });
  });

  it("a missing required argument: 400", async () => {
    const { status, json } = await post(JSON.stringify({ query: "mutation { createUser { __typename } }" }));
    expect(status).toBe(400);
    expect(json.errors[0].message).toMatch(/argument "input" of type "CreateUserInput!" is required/);
  });

  it("a body over the limit: 413 PAYLOAD_TOO_LARGE, nothing written", async () => {
    await expectNothingWritten(async () => {
      const padding = "x".repeat(limits.http.maxBodyBytes);
      const { status, json } = await post(JSON.stringify({ query: CREATE, variables: { input: { displayName: "must-not-exist" } }, extensions: { padding } }));
      expect(status).toBe(413);
      expect(json.errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
      expect(json.errors[0].message).toMatch(/limit is 1048576 bytes/);
    });
  });

  it("a body just under the limit is accepted", async () => {
    const query = "{ health { status } }";
    const envelope = JSON.stringify({ query, extensions: { padding: "" } });
    const padding = "x".repeat(limits.http.maxBodyBytes - envelope.length);
    const body = JSON.stringify({ query, extensions: { padding } });
    expect(body.length).toBe(limits.http.maxBodyBytes);
    const { status, json } = await post(body);
    expect(status).toBe(200);
    expect(json.data.health.status).toBe("OK");
  });

  it(`a query deeper than ${limits.graphql.maxDepth} levels: 400 before execution`, async () => {
    const depth = limits.graphql.maxDepth + 1;
    const deep = `{ me { ${"consent { ".repeat(depth - 1)}updatedAt${" }".repeat(depth - 1)} } }`;
    const { status, json } = await post(JSON.stringify({ query: deep }));
    expect(status).toBe(400);
    expect(json.errors).toContainEqual({
      message: `The operation nests fields ${depth + 1} levels deep; the limit is ${limits.graphql.maxDepth}. Select less deeply, and fetch what lies deeper by id (node(id:)) in another request.`,
      extensions: { code: "QUERY_TOO_COMPLEX", limit: "depth" },
    });
  });

  it(`an operation costing more than ${limits.graphql.maxCost}: 400 before execution; at the limit it runs`, async () => {
    // Two pages of 100 datasets × examples(first: k) take it near the limit; models(first: $n) { totalCount }
    // adds 1 per n (pages stop at 100, and so does their cost), so the refusal's cost finds the edge.
    const { apiKey } = await signUp();
    const page = (alias: string, k: number) => `${alias}: me { datasets(first: 100) { edges { node { examples(first: ${k}) { totalCount } } } } }`;
    const query = `query ($n: Int!) { ${page("a", 100)} ${page("b", 93)} models(first: $n) { totalCount } }`;
    const auth = { authorization: `Bearer ${apiKey}` };
    const probe = await post(JSON.stringify({ query, variables: { n: 100 } }), auth);
    expect(probe.status).toBe(400);
    const cost = Number(/^The operation costs (\d+);/.exec(probe.json.errors[0].message)![1]);
    const edge = 100 - (cost - limits.graphql.maxCost);
    expect(edge).toBeGreaterThan(0);
    const atEdge = await post(JSON.stringify({ query, variables: { n: edge } }), auth);
    expect(atEdge.status).toBe(200);
    expect(atEdge.json.data.a.datasets.edges).toEqual([]);
    const over = await post(JSON.stringify({ query, variables: { n: edge + 1 } }), auth);
    expect(over.status).toBe(400);
    expect(over.json.errors[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "cost" });
    expect(over.json.errors[0].message).toMatch(new RegExp(`^The operation costs ${limits.graphql.maxCost + 1}; the limit is ${limits.graphql.maxCost}\\.`));
  });

  it("GET cannot run a mutation: 405", async () => {
    const url = `${inject("graphqlUrl")}?query=${encodeURIComponent('mutation { createUser(input: {displayName: "must-not-exist"}) { __typename } }')}`;
    const response = await fetch(url, { headers: { accept: "application/graphql-response+json" } });
    expect(response.status).toBe(405);
    expect(await db.user.count({ where: { displayName: "must-not-exist" } })).toBe(0);
  });
});

describe("authentication", () => {
  it("no key on a protected field: 401 UNAUTHENTICATED with WWW-Authenticate", async () => {
    const { status, json, headers } = await post(JSON.stringify({ query: "{ me { id } }" }));
    expect(status).toBe(401);
    expect(headers.get("www-authenticate")).toBe("Bearer");
    expect(json.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect(json.errors[0].message).toMatch(/Authorization: Bearer <API key>/);
  });

  it("no key on updateProfile: 401 and nothing written", async () => {
    const { status } = await post(JSON.stringify({ query: `mutation { updateProfile(input: {displayName: "must-not-exist"}) { __typename } }` }));
    expect(status).toBe(401);
    expect(await db.user.count({ where: { displayName: "must-not-exist" } })).toBe(0);
  });

  it.each([
    ["a malformed key", "Bearer not-a-key", /malformed/],
    ["an unknown key", `Bearer sp_${"A".repeat(43)}`, /not valid/],
    ["another scheme", "Basic dXNlcjpwYXNz", /must be `Bearer <API key>`/],
  ])("%s: 401 for the whole request, even for public fields", async (_name, authorization, message) => {
    const { status, json, headers } = await post(JSON.stringify({ query: "{ health { status } }" }), { authorization });
    expect(status).toBe(401);
    expect(headers.get("www-authenticate")).toBe("Bearer");
    expect(json.errors[0].extensions.code).toBe("UNAUTHENTICATED");
    expect(json.errors[0].message).toMatch(message);
    expect(json.data).toBeUndefined();
  });

  it("a revoked key stops working at once", async () => {
    const user = await signUp("Soon revoked");
    expect((await graphql("{ me { id } }", undefined, { apiKey: user.apiKey })).status).toBe(200);
    const key = await db.apiKey.findFirstOrThrow({ where: { prefix: user.apiKey.slice(0, 10) } });
    await db.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
    expect((await graphql("{ me { id } }", undefined, { apiKey: user.apiKey })).status).toBe(401);
  });
});
