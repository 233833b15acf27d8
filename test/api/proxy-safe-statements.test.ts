// Behind RDS Proxy a connection is lent per transaction, unless the session keeps state: then the
// proxy pins it to one client for good (SET, advisory locks, LISTEN, temporary tables, cursors
// held open, named prepared statements). This drives the product's main path through the real
// schema and services, records every statement the Prisma client sends, and holds them free of
// session state; on PostgreSQL the one pooled session must also hold no named prepared statement.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readEnv } from "../../config/index.ts";
import { loadIris } from "../../ml/index.ts";
import { createGraphqlServer, type GraphqlServer } from "../../schema/server.ts";
import { connectDatabase, ensureBaseModels, type Db } from "../../services/index.ts";
import { testDatabaseUrl } from "../support/database.ts";

const SESSION_STATE = /^\s*(SET\s+(?!TRANSACTION\b)|RESET\b|LISTEN\b|UNLISTEN\b|PREPARE\b|EXECUTE\b|DEALLOCATE\b|DISCARD\b|DECLARE\b|CREATE\s+(GLOBAL\s+|LOCAL\s+)?TEMP)|pg_advisory|currval\s*\(|set_config\s*\(/i;
const statements: string[] = [];
let db: Db;
let server: GraphqlServer;
let apiKey = "";

async function send(query: string, variables: Record<string, unknown> = {}) {
  const response = await server.fetch(
    "http://localhost/graphql",
    { method: "POST", headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) }, body: JSON.stringify({ query, variables }) },
    { sourceIp: "198.51.100.90" },
  );
  const body = (await response.json()) as { data?: any; errors?: unknown };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

beforeAll(async () => {
  // One pooled connection, so every statement goes through the one session inspected below.
  db = await connectDatabase(testDatabaseUrl(), { onQuery: (sql) => statements.push(sql), pool: { max: 1 } });
  await ensureBaseModels(db);
  server = createGraphqlServer(db, readEnv({ DATABASE_URL: testDatabaseUrl(), LOG_LEVEL: "silent" }));
});
afterAll(async () => { await db.$disconnect(); });

describe("statements that a connection-lending proxy never has to pin", () => {
  it("sign-up, profile, import, training, prediction, feedback, recommendation and deletion keep no session state", async () => {
    const iris = loadIris();
    const csv = ["a,b,c,d,species", ...iris.rows.flatMap((r, i) => (i % 10 === 0 ? [`${r.join(",")},${iris.classes[iris.labels[i]!]}`] : []))].join("\n");
    apiKey = (await send(`mutation { createUser(input: { displayName: "Proxy", features: [0.1, 0.2, 0.3, 0.4], consent: { personalization: true } }) { ... on CreateUserPayload { apiKey } } }`)).createUser.apiKey;
    await send(`mutation { updateProfile(input: { preferences: { theme: "dark" } }) { __typename } }`);
    const dataset = (await send(`mutation ($csv: String!) { importDataset(input: { name: "iris", kind: CLASSIFICATION, numFeatures: 4, classes: ["setosa", "versicolor", "virginica"], csv: $csv, idempotencyKey: "proxy-1" }) { ... on DatasetPayload { dataset { id } } } }`, { csv }))
      .importDataset.dataset.id;
    const model = (await send(`mutation { createModel(input: { name: "m", task: CLASSIFICATION, numFeatures: 4, classes: ["setosa", "versicolor", "virginica"] }) { ... on CreateModelPayload { model { id } } } }`)).createModel.model.id;
    const job = (await send(`mutation ($m: ID!, $d: ID!) { startTraining(modelId: $m, datasetId: $d, hyperparameters: { epochs: 2 }) { ... on TrainingJobPayload { job { id } } } }`, { m: model, d: dataset })).startTraining.job.id;
    for (let polls = 0; polls < 20; polls++) {
      const status = (await send(`query ($id: ID!) { trainingJob(id: $id) { ... on TrainingJob { status } } }`, { id: job })).trainingJob.status;
      if (status !== "QUEUED" && status !== "RUNNING") break;
    }
    expect((await send(`mutation ($m: ID!) { predict(modelId: $m, features: [5.1, 3.5, 1.4, 0.2]) { __typename } }`, { m: model })).predict.__typename).toBe("Prediction");
    const models = (await send(`{ models(first: 20) { edges { node { id task } } } }`)).models.edges.map((e: any) => e.node);
    const recommender = models.find((m: any) => m.task === "RECOMMENDATION").id;
    await send(`mutation ($m: ID!) { recordFeedback(modelId: $m, item: "a", itemFeatures: [0.1, 0.2, 0.3, 0.4], signal: 1) { __typename } }`, { m: recommender });
    await send(`query ($m: ID!) { recommend(modelId: $m, candidates: [{ item: "b", itemFeatures: [0.4, 0.3, 0.2, 0.1] }]) { __typename } }`, { m: recommender });
    await send(`mutation ($id: ID!) { deleteDataset(id: $id) { __typename } }`, { id: dataset });

    expect(statements.length).toBeGreaterThan(50);
    expect(statements.filter((sql) => SESSION_STATE.test(sql))).toEqual([]);
  });

  it.skipIf(!testDatabaseUrl().startsWith("postgres"))("leaves no named prepared statement in its PostgreSQL session", async () => {
    const [row] = await db.$queryRawUnsafe<{ n: number }[]>("SELECT count(*)::int AS n FROM pg_prepared_statements");
    expect(row!.n).toBe(0);
  });
});
