// Lists must not issue a query per item: the SQL statements a nested list query sends stay the
// same whether the lists hold 2 items or 8. The schema, services and database are the real ones;
// the server runs in-process so the test can count what the Prisma client sends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEnv } from "../../config/index.ts";
import { createGraphqlServer } from "../../schema/server.ts";
import { encodeParams } from "../../ml/index.ts";
import { connectDatabase, createDataset, createModel, createUser, type Db } from "../../services/index.ts";
import { testDatabaseUrl } from "../support/database.ts";

let statements: string[] = [];
let db: Db;
beforeAll(async () => { db = await connectDatabase(testDatabaseUrl(), { onQuery: (sql) => statements.push(sql) }); });
afterAll(async () => { await db.$disconnect(); });

const QUERY = `{
  models(first: 20) { totalCount edges { node { name status latestVersion { number metrics } versions(first: 3) { totalCount edges { node { number seed } } } } } }
  me { datasets(first: 20) { edges { node { name examples(first: 5) { totalCount edges { node { label features } } } } } } }
}`;

async function userWith(count: number): Promise<string> {
  const { user, apiKey } = await createUser(db, { displayName: `Lister ${count}` });
  for (let i = 0; i < count; i++) {
    const model = await createModel(db, user.id, { name: `m${i}`, task: "REGRESSION", numFeatures: 2 });
    for (let v = 1; v <= 2; v++) {
      await db.modelVersion.create({ data: { modelId: model.id, number: v, spec: {}, params: encodeParams([v]), metrics: { v }, seed: v } });
    }
    const dataset = await createDataset(db, user.id, { name: `d${i}`, kind: "REGRESSION", numFeatures: 2 });
    await db.example.createMany({ data: [1, 2, 3].map((label, position) => ({ datasetId: dataset.id, position, features: [label, label], label })) });
  }
  return apiKey;
}

async function countStatements(apiKey: string): Promise<{ count: number; data: any }> {
  const server = createGraphqlServer(db, readEnv());
  statements = [];
  const response = await server.fetch(
    new Request("http://localhost/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json", authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ query: QUERY }),
    }),
  );
  const body = (await response.json()) as { data: any; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return { count: statements.length, data: body.data };
}

describe("no N+1 queries", () => {
  it("nested lists cost the same number of SQL statements for 2 items as for 8", async () => {
    const small = await countStatements(await userWith(2));
    const large = await countStatements(await userWith(8));
    expect(large.data.me.datasets.edges).toHaveLength(8);
    expect(large.data.models.edges.filter((e: any) => e.node.name.startsWith("m"))).toHaveLength(8);
    expect(large.data.models.edges[0].node.latestVersion.number).toBe(2);
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThan(20);
  });
});
