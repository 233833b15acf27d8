// The hostile trial's defects, each pinned over GraphQL-over-HTTP (serverless-offline → handler →
// services → database; SQLite, and PostgreSQL in CI): one request has one work budget, lists and
// aliases cannot multiply cost unseen, nothing nested crashes the parser, unknown ids are null,
// text is clean before it reaches a database, training data is a snapshot, seeds fit an Int.
import { decodeGlobalID } from "@pothos/plugin-relay";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { limits } from "../../config/index.ts";
import { workUnits, type Db } from "../../services/index.ts";
import { connectTestDatabase } from "../support/database.ts";
import { graphql, signUp } from "../support/graphql.ts";

let db: Db;
let user: { apiKey: string; id: string };
let userId: string;
beforeAll(async () => {
  db = await connectTestDatabase();
  user = await signUp("Hardened");
  userId = decodeGlobalID(user.id).id;
});
afterAll(async () => { await db.$disconnect(); });

const as = (query: string, variables?: Record<string, unknown>) => graphql(query, variables, { apiKey: user.apiKey });

async function post(body: string, apiKey?: string) {
  const response = await fetch(inject("graphqlUrl"), {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    body,
  });
  return { status: response.status, json: await response.json() };
}

function cxChain(qubits: number, gates: number): string {
  const lines = [`OPENQASM 2.0;`, `include "qelib1.inc";`, `qreg q[${qubits}];`];
  for (let i = 0; i < gates; i++) lines.push(`cx q[${i % (qubits - 1)}], q[${(i % (qubits - 1)) + 1}];`);
  return lines.join("\n");
}

describe("one work budget per request (defect 1)", () => {
  it("20 aliases of a heavy simulate: as many run as the request's budget pays for, the rest are BudgetErrors", async () => {
    const qasm = cxChain(20, 400);
    const aliases = Array.from({ length: 20 }, (_, i) => `s${i}: simulate(input: { qasm: $q }) { __typename ... on Simulation { numQubits } ... on BudgetError { code what needed remaining limit } }`);
    const { status, body } = await as(`query ($q: String!) { ${aliases.join(" ")} }`, { q: qasm });
    expect(status).toBe(200);
    const results = Object.values(body.data!) as { __typename: string; needed?: number; remaining?: number; limit?: number }[];
    const ran = results.filter((r) => r.__typename === "Simulation");
    const refused = results.filter((r) => r.__typename === "BudgetError");
    expect(ran.length + refused.length).toBe(20);
    const each = refused[0]!.needed! + qasm.length * workUnits.parsePerByte; // simulation + reading the program
    expect(ran.length).toBe(Math.floor(limits.request.maxWork / each));
    for (const r of refused) {
      expect(r).toMatchObject({ code: "BUDGET_EXCEEDED", limit: limits.request.maxWork });
      expect(r.remaining!).toBeLessThan(r.needed!);
    }
  });

  it("the budget is the request's, not the field's: a second request runs again", async () => {
    const one = `query ($q: String!) { simulate(input: { qasm: $q }) { __typename } }`;
    for (let i = 0; i < 2; i++) expect((await as(one, { q: cxChain(20, 800) })).body.data!.simulate.__typename).toBe("Simulation");
  });

  it("aliases of a drawing share it too; drawings past the operation limit are refused", async () => {
    const big = await as(`mutation ($q: String!) { importCircuit(input: { qasm: $q }) { ... on ImportCircuitPayload { circuit { id gateCount } } } }`, {
      q: cxChain(4, limits.circuit.maxDrawOperations + 1),
    });
    const id = big.body.data!.importCircuit.circuit.id;
    const drawn = await as(`query ($id: ID!) { circuit(id: $id) { ... on Circuit { diagram } } }`, { id });
    expect(drawn.body.errors![0]!.extensions!.code).toBe("INVALID_INPUT");
    expect(drawn.body.errors![0]!.message).toContain(`more than ${limits.circuit.maxDrawOperations} operations are not drawn`);
  });
});

describe("lists and aliases multiply cost, and are bounded (defects 2, 3)", () => {
  const datasetNode = (n: number) => Array.from({ length: n }, () => "RGF0YXNldDp4");

  it("nodes × 3,000 ids with 100 examples each is refused before execution (cost multiplies by ids and first)", async () => {
    const query = `query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Dataset { examples(first: 100) { edges { node { features label } } } } } }`;
    const { status, json } = await post(JSON.stringify({ query, variables: { ids: datasetNode(3_000) } }), user.apiKey);
    expect(status).toBe(400);
    expect(json.errors[0].extensions.code).toBe("QUERY_TOO_COMPLEX");
    expect(json.errors[0].message).toMatch(/^The operation costs \d+; the limit is 20000\./);
    expect(json.data).toBeUndefined();
  });

  it(`nodes takes at most ${limits.graphql.maxNodeIds} ids`, async () => {
    const query = `query ($ids: [ID!]!) { nodes(ids: $ids) { id } }`;
    const ok = await post(JSON.stringify({ query, variables: { ids: datasetNode(limits.graphql.maxNodeIds) } }), user.apiKey);
    expect(ok.json.data.nodes).toEqual(Array(limits.graphql.maxNodeIds).fill(null));
    const over = await post(JSON.stringify({ query, variables: { ids: datasetNode(limits.graphql.maxNodeIds + 1) } }), user.apiKey);
    expect(over.json.errors[0].extensions.code).toBe("INVALID_INPUT");
    expect(over.json.errors[0].message).toContain(`must have at most ${limits.graphql.maxNodeIds} ids`);
  });

  it(`at most ${limits.graphql.maxAliases} aliases`, async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `h${i}: health { status }`).join(" ")} }`;
    expect((await post(JSON.stringify({ query: aliases(limits.graphql.maxAliases) }))).json.data.h0.status).toBe("OK");
    const over = await post(JSON.stringify({ query: aliases(limits.graphql.maxAliases + 1) }));
    expect(over.status).toBe(400);
    expect(over.json.errors[0]).toMatchObject({
      message: `The operation has ${limits.graphql.maxAliases + 1} aliases; the limit is ${limits.graphql.maxAliases}. Split it into several requests.`,
      extensions: { code: "QUERY_TOO_COMPLEX", limit: "aliases" },
    });
  });

  it("a connection asked for only its totalCount costs its page at most (a larger first is served as 100)", async () => {
    const { body } = await graphql(`{ me { datasets(first: 100000) { totalCount } } }`, {}, { apiKey: (await signUp()).apiKey });
    expect(body.errors).toBeUndefined();
    expect(body.data!.me.datasets.totalCount).toBe(0);
  });

  it("introspection costs like any query: one full __schema without a key, a second is refused", async () => {
    const one = await post(JSON.stringify({ query: "{ __schema { types { name fields { name } } } }" }));
    expect(one.status).toBe(200);
    expect(one.json.data.__schema.types.length).toBeGreaterThan(50);
    const two = await post(JSON.stringify({ query: "{ a: __schema { types { name } } b: __schema { types { name } } }" }));
    expect(two.status).toBe(400);
    expect(two.json.errors[0].message).toContain(`the limit for calls without an API key is ${limits.graphql.maxCostAnonymous}`);
  });
});

describe("nothing nested crashes (defect 4)", () => {
  it.each([
    ["2,000 nested selections", () => JSON.stringify({ query: `{ ${"me { ".repeat(2_000)}id${" }".repeat(2_000)} }` })],
    ["a 3,000-deep list literal", () => JSON.stringify({ query: `{ health(x: ${"[".repeat(3_000)}1${"]".repeat(3_000)}) { status } }` })],
    ["10,000-deep variables", () => `{"query":"query ($v: JSONObject) { health { status } }","variables":{"v":${"[".repeat(10_000)}${"]".repeat(10_000)}}}`],
  ])("%s: 400 QUERY_TOO_COMPLEX before parsing", async (_name, body) => {
    const { status, json } = await post(body());
    expect(status).toBe(400);
    expect(json.errors[0].extensions.code).toBe("QUERY_TOO_COMPLEX");
    expect(json.errors[0].extensions.limit).toBe("nesting");
  });

  it(`a document of more than ${limits.graphql.maxTokens} tokens: 400`, async () => {
    const query = `{ health(${Array.from({ length: limits.graphql.maxTokens / 2 }, (_, i) => `a${i}: 1`).join(" ")}) { status } }`;
    const { status, json } = await post(JSON.stringify({ query }));
    expect(status).toBe(400);
    expect(json.errors[0].extensions).toMatchObject({ code: "QUERY_TOO_COMPLEX", limit: "tokens" });
  });

  it("a chain of 4,000 OpenQASM gate definitions is a CircuitError, not a crash", async () => {
    const lines = ["OPENQASM 2.0;", 'include "qelib1.inc";', "gate g0 a { x a; }"];
    for (let i = 1; i < 4_000; i++) lines.push(`gate g${i} a { g${i - 1} a; }`);
    lines.push("qreg q[1];", "g3999 q[0];");
    const { body } = await as(`query ($q: String!) { simulate(input: { qasm: $q }) { __typename ... on CircuitError { reason detail line } } }`, { q: lines.join("\n") });
    // g0 (line 3) nests 1 level, g64 (line 67) would nest 65.
    expect(body.data!.simulate).toMatchObject({ __typename: "CircuitError", reason: "LIMIT_EXCEEDED", line: 67 });
    expect(body.data!.simulate.detail).toContain("nest deeper than 64 levels");
  });
});

describe("text hygiene (defect 8)", () => {
  const nul = "A\u0000B";
  it.each([
    ["displayName", `mutation ($v: String!) { updateProfile(input: { displayName: $v }) { ... on ValidationError { issues { path message } } } }`, ["input", "displayName"]],
    ["circuit name", `mutation ($v: String!) { importCircuit(input: { name: $v, qasm: "OPENQASM 2.0; qreg q[1];" }) { ... on ValidationError { issues { path message } } } }`, ["input", "name"]],
    ["dataset name", `mutation ($v: String!) { createDataset(input: { name: $v, kind: REGRESSION, numFeatures: 1 }) { ... on ValidationError { issues { path message } } } }`, ["input", "name"]],
    ["class name", `mutation ($v: String!) { createModel(input: { name: "m", task: CLASSIFICATION, numFeatures: 2, classes: ["ok", $v] }) { ... on ValidationError { issues { path message } } } }`, ["input", "classes", "1"]],
    ["key name", `mutation ($v: String!) { createApiKey(input: { name: $v }) { ... on ValidationError { issues { path message } } } }`, ["input", "name"]],
  ])("NUL in a %s: ValidationError at its path; nothing stored", async (_what, mutation, path) => {
    const owned = () => Promise.all([db.circuit.count({ where: { ownerId: userId } }), db.dataset.count({ where: { ownerId: userId } }), db.model.count({ where: { ownerId: userId } })]);
    const before = await owned();
    const result = Object.values((await as(mutation, { v: nul })).body.data!)[0] as { issues: { path: string[]; message: string }[] };
    expect(result.issues[0]!.path).toEqual(path);
    expect(result.issues[0]!.message).toContain("must not contain control characters: found U+0000 at character 2");
    expect(await owned()).toEqual(before);
    expect((await db.user.findUniqueOrThrow({ where: { id: userId } })).displayName).toBe("Hardened");
  });

  it("NUL in a preferences key or value, a feedback item, a CSV or OpenQASM: refused with its path", async () => {
    const prefs = await as(`mutation ($p: JSONObject!) { updateProfile(input: { preferences: $p }) { ... on ValidationError { issues { path } } } }`, { p: { theme: { [`da${"\u0000"}rk`]: "x", note: `a${"\u0007"}b` } } });
    expect(prefs.body.data!.updateProfile.issues.map((i: { path: string[] }) => i.path.join(".")).sort()).toEqual(["input.preferences.theme.da\u0000rk", "input.preferences.theme.note"]);
    const csv = await as(`mutation ($c: String!) { importDataset(input: { name: "d", kind: REGRESSION, numFeatures: 1, csv: $c }) { ... on ValidationError { issues { path } } } }`, { c: "x,y\n1,2\u0000\n" });
    expect(csv.body.data!.importDataset.issues[0].path).toEqual(["input", "csv"]);
    const qasm = await as(`query ($q: String!) { simulate(input: { qasm: $q }) { ... on ValidationError { issues { path } } } }`, { q: "OPENQASM 2.0;\u0000 qreg q[1];" });
    expect(qasm.body.data!.simulate.issues[0].path).toEqual(["input", "qasm"]);
    // Tab and line breaks are text, not control: CRLF OpenQASM runs.
    const crlf = await as(`query ($q: String!) { simulate(input: { qasm: $q }) { __typename } }`, { q: "OPENQASM 2.0;\r\n\tqreg q[1];\r\n" });
    expect(crlf.body.data!.simulate.__typename).toBe("Simulation");
  });

  it("a lone UTF-16 surrogate is refused; astral characters count as one character and four bytes", async () => {
    const UPDATE = `mutation ($v: String!) { updateProfile(input: { displayName: $v }) { __typename ... on ValidationError { issues { message } } ... on UpdateProfilePayload { user { displayName } } } }`;
    expect((await as(UPDATE, { v: "bad \ud800 text" })).body.data!.updateProfile.issues[0].message).toContain("well-formed Unicode");
    const max = "🜁".repeat(limits.profile.displayNameMaxLength); // 80 characters, 320 bytes: the edge of both limits
    expect((await as(UPDATE, { v: max })).body.data!.updateProfile.user.displayName).toBe(max);
    expect((await as(UPDATE, { v: `${max}x` })).body.data!.updateProfile.issues[0].message).toBe(`must be at most ${limits.profile.displayNameMaxLength} characters`);
    await as(UPDATE, { v: "Hardened" });
  });
});

describe("smaller defects (12)", () => {
  it("a RATINGS import refuses ratings outside [-1, 1], naming the row", async () => {
    const { body } = await as(`mutation ($c: String!) { importDataset(input: { name: "r", kind: RATINGS, numFeatures: 2, csv: $c }) { __typename ... on ValidationError { issues { path message } } } }`, {
      c: "u,i,rating\n0.1,0.2,1\n0.3,0.4,1.5\n",
    });
    expect(body.data!.importDataset.issues).toEqual([{ path: ["input", "csv", "row 3", "label"], message: "a rating must be a number between -1 and 1" }]);
  });

  it(`seeds go up to ${limits.maxSeed}, the largest GraphQL Int`, async () => {
    const SIM = `query ($s: Int!) { simulate(input: { qasm: "OPENQASM 2.0; include \\"qelib1.inc\\"; qreg q[1]; creg c[1]; h q[0]; measure q -> c;", shots: 10, seed: $s }) { ... on Simulation { seed } } }`;
    expect((await as(SIM, { s: limits.maxSeed })).body.data!.simulate.seed).toBe(limits.maxSeed);
    const over = await as(SIM, { s: limits.maxSeed + 1 });
    expect(over.status).toBe(400);
    expect(over.body.errors![0]!.message).toContain("Int cannot represent non 32-bit signed integer value");
  });
});
