// Serving speed of `predict` on an 8-qubit, 4-layer classifier, warm: the service call
// in-process, the same operation through yoga in-process, and over HTTP against serverless-offline
// under load (autocannon, bounded: 10 connections for BENCH_SECONDS, default 10 s).
// Run: npm run bench:api   (a throwaway SQLite database; nothing of yours is touched)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { readEnv } from "../config/index.ts";
import { generatePreferences } from "../ml/index.ts";
import { createGraphqlServer } from "../schema/server.ts";
import { connectDatabase, createModel, createUser, importDataset, predict, runTrainingBurst, startTrainingJob, unlimitedBudget } from "../services/index.ts";
import { startOfflineServer } from "../test/support/offline-server.ts";
import { formatMs, percentile, printTable } from "./support/timing.ts";

const root = path.resolve(import.meta.dirname, "..");
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const temp = fs.mkdtempSync(path.join(os.tmpdir(), "superpose-bench-"));
const databaseUrl = `file:${path.join(temp, "bench.db")}`;
// One key sends thousands of requests a second here: rate limits above that, and no per-request log line.
const env = { ...process.env, DATABASE_URL: databaseUrl, RATE_LIMIT_PER_KEY: "100000000", RATE_LIMIT_PER_IP: "100000000", LOG_LEVEL: "warn" };
execFileSync(process.execPath, ["scripts/migrate.mjs", "reset", "--quiet"], { cwd: root, env, stdio: "inherit" });
execFileSync(process.execPath, ["scripts/bundle.mjs"], { cwd: root, env, stdio: "ignore" });

// An 8-feature binary classifier: angle encoding on 8 qubits, RealAmplitudes with 4 layers.
const db = await connectDatabase(databaseUrl);
const { user, apiKey } = await createUser(db, { displayName: "Bench" });
const model = await createModel(db, user.id, { name: "bench", task: "CLASSIFICATION", numFeatures: 8, classes: ["no", "yes"], ansatz: { kind: "realAmplitudes", reps: 4 } });
const data = generatePreferences({ users: 16, items: 16, ratingsPerUser: 8, seed: 1 });
const csv = ["f1,f2,f3,f4,f5,f6,f7,f8,label", ...data.ratings.map((r) => [...data.userFeatures[r.user]!, ...data.itemFeatures[r.item]!, r.rating > 0 ? "yes" : "no"].join(","))].join("\n");
const dataset = await importDataset(db, user.id, { name: "bench", kind: "CLASSIFICATION", numFeatures: 8, classes: ["no", "yes"], csv });
const job = await startTrainingJob(db, user.id, model.id, dataset.id, { epochs: 2 });
while ((await runTrainingBurst(db, job.id, { budgetMs: 5_000 })).status === "RUNNING");
const features = data.userFeatures[0]!.concat(data.itemFeatures[0]!);

function percentiles(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p99: percentile(sorted, 0.99) };
}

// In-process: the service (model cached warm after the first call), then the whole GraphQL operation through yoga.
await predict(db, user.id, model.id, [features], {}, unlimitedBudget());
const serviceTimes: number[] = [];
for (let i = 0; i < 500; i++) {
  const t0 = performance.now();
  await predict(db, user.id, model.id, [features], {}, unlimitedBudget());
  serviceTimes.push(performance.now() - t0);
}
const globalId = Buffer.from(`Model:${model.id}`).toString("base64");
const body = JSON.stringify({ query: `mutation ($m: ID!, $f: [Float!]!) { predict(modelId: $m, features: $f) { ... on Prediction { label value latencyMs } } }`, variables: { m: globalId, f: features } });
const headers = { "content-type": "application/json", accept: "application/graphql-response+json", authorization: `Bearer ${apiKey}` };
const yoga = createGraphqlServer(db, readEnv(env));
const yogaTimes: number[] = [];
for (let i = 0; i < 500; i++) {
  const t0 = performance.now();
  const response = await yoga.fetch(new Request("http://localhost/graphql", { method: "POST", headers, body }));
  const json = (await response.json()) as { data?: { predict?: { label?: string } } };
  if (!json.data?.predict?.label) throw new Error(`in-process predict failed: ${JSON.stringify(json)}`);
  yogaTimes.push(performance.now() - t0);
}
const simulationTimes = (await db.prediction.findMany({ where: { userId: user.id }, select: { latencyMs: true }, take: 500, orderBy: { createdAt: "desc" } })).map((p) => p.latencyMs);

// Over HTTP, under load.
const server = await startOfflineServer({ root, env }); // handlers in-process, as serverless.yml says
let result: autocannon.Result;
try {
  await fetch(server.graphqlUrl, { method: "POST", headers, body }); // warm the function
  result = await autocannon({ url: server.graphqlUrl, method: "POST", headers, body, connections: 10, duration: seconds });
} finally {
  await server.stop();
  await db.$disconnect();
  fs.rmSync(temp, { recursive: true, force: true });
}

const service = percentiles(serviceTimes), inProcess = percentiles(yogaTimes), model_ = percentiles(simulationTimes);
console.log(`\npredict on an 8-qubit, 4-layer classifier (40 weights + readout), warm; SQLite\n`);
printTable(
  ["where", "p50", "p99", "requests/s", "errors"],
  [
    ["model only (load cached, simulate, read out; Prediction.latencyMs)", formatMs(model_.p50), formatMs(model_.p99), "", ""],
    ["service call in-process (incl. storing the prediction)", formatMs(service.p50), formatMs(service.p99), "", ""],
    ["GraphQL operation in-process (yoga: auth, validation, resolver)", formatMs(inProcess.p50), formatMs(inProcess.p99), "", ""],
    [
      `HTTP via serverless-offline, 10 connections, ${seconds} s`,
      `${result.latency.p50} ms`,
      `${result.latency.p99} ms`,
      result.requests.average.toFixed(0),
      String(result.errors + result.non2xx + result.timeouts),
    ],
  ],
);
