// The typed client (client/): every document is valid against schema/schema.graphql (so a schema
// change that breaks an operation fails here, not in a user's browser), its type information is
// current, and it talks to the real API: typed answers, result-union errors as ResultError,
// refused requests as RequestError, the Idempotency-Key header honoured.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildSchema, validate, type DocumentNode } from "graphql";
import { describe, expect, inject, it } from "vitest";
import { account, circuits, createClient, models, predictions, privacy, RequestError, ResultError, unwrap } from "../../client/index.ts";

const root = path.resolve(import.meta.dirname, "../..");
const schema = buildSchema(fs.readFileSync(path.join(root, "schema/schema.graphql"), "utf8"));
const modules = { account, circuits, models, predictions, privacy };

describe("the typed client's documents", () => {
  // The operations (fragments are validated inside the operations that spread them).
  const documents = Object.entries(modules)
    .flatMap(([module, exports]) => Object.entries(exports).map(([name, document]) => [`${module}.${name}`, document as unknown as DocumentNode] as const))
    .filter(([, document]) => document.definitions.some((definition) => definition.kind === "OperationDefinition"));

  it("are all valid against schema/schema.graphql", () => {
    expect(documents.length).toBeGreaterThanOrEqual(25);
    for (const [name, document] of documents) expect(validate(schema, document).map((e) => e.message), name).toEqual([]);
  });

  it("have unique operation names (the server's logs and persisted queries key on them)", () => {
    const names = documents.flatMap(([, d]) => d.definitions.flatMap((def) => (def.kind === "OperationDefinition" ? [def.name?.value] : [])));
    expect(names.every(Boolean)).toBe(true);
    expect(new Set(names).size).toBe(names.length);
  });

  it("are typed from the current schema: client/graphql-env.d.ts is what `npm run client:generate` writes", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "superpose-tada-"));
    try {
      const output = path.join(dir, "graphql-env.d.ts");
      execFileSync(path.join(root, "node_modules/.bin/gql.tada"), ["generate-output", "--output", output], { cwd: root, stdio: "ignore" });
      expect(fs.readFileSync(output, "utf8"), "client/graphql-env.d.ts is stale: run npm run client:generate").toBe(fs.readFileSync(path.join(root, "client/graphql-env.d.ts"), "utf8"));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("the typed client against the API", () => {
  let apiKey: string | null = null;
  const client = createClient({ url: inject("graphqlUrl"), apiKey: () => apiKey });

  it("signs up and reads the profile back, typed", async () => {
    const { createUser } = await client.request(account.SignUp, { input: { displayName: "Typed client", features: [0.1, 0.2] } });
    const payload = unwrap(createUser, "CreateUserPayload");
    apiKey = payload.apiKey;
    const { me } = await client.request(account.Me);
    expect(me.displayName).toBe("Typed client");
    expect(me.features).toEqual([0.1, 0.2]);
    expect(me.usage.some((u) => u.quota === "circuits")).toBe(true);
  });

  it("turns a result union's error into a ResultError with where it is (a circuit's line and column)", async () => {
    const { importCircuit } = await client.request(circuits.ImportCircuit, { input: { qasm: "OPENQASM 2.0;\nqreg q[1];\nfoo q[0];\n" } });
    let error: unknown;
    try {
      unwrap(importCircuit, "ImportCircuitPayload");
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ResultError);
    expect((error as ResultError).problem).toMatchObject({ __typename: "CircuitError", code: "INVALID_CIRCUIT", line: 3 });
  });

  it("refuses a request without a key as a RequestError with the HTTP status and code", async () => {
    const anonymous = createClient({ url: inject("graphqlUrl") });
    const error = await anonymous.request(account.Me).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ status: 401, code: "UNAUTHENTICATED" });
  });

  it("sends an idempotency key: a retried import answers the first dataset", async () => {
    const input = { name: "retried", kind: "CLASSIFICATION" as const, numFeatures: 1, classes: ["a", "b"], csv: "x,label\n0.1,a\n0.9,b\n" };
    const key = "typed-client-retry-1";
    const [first, second] = await Promise.all([0, 1].map(() => client.request(models.ImportDataset, { input }, { idempotencyKey: key })));
    expect(unwrap(first!.importDataset, "DatasetPayload").dataset.id).toBe(unwrap(second!.importDataset, "DatasetPayload").dataset.id);
  });
});
