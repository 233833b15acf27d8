// `npm run demo`: the README's journey, unattended, against a running server (npm start), through
// GraphQL only: sign up → circuit → simulate → model → dataset → train (with progress) → predict →
// recommend → feedback → personalized recommendation → export. Prints each step's result; on a
// refusal it prints the API's own message and stops with exit code 1.
//
//   npm start            (in another terminal)
//   npm run demo         GRAPHQL_URL=http://127.0.0.1:4000/graphql npm run demo   (other ports)
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const url = process.env.GRAPHQL_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}/graphql`;
const examples = path.resolve(import.meta.dirname, "../examples");
const STEPS = 13;
let apiKey: string | null = null;
let candidates: { item: string; itemFeatures: number[] }[] = [];
let step = 0;

class DemoError extends Error {}

/** One GraphQL operation; a transport or top-level error stops the demo with the API's message. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a demo reads arbitrary JSON answers; each step names what it reads
async function gql<T = any>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
  } catch (error) {
    throw new DemoError(`cannot reach ${url} (${(error as Error).cause ?? error}). Start the server first: npm start (or set GRAPHQL_URL).`);
  }
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new DemoError(`HTTP ${response.status}: ${body.errors.map((e) => e.message).join("; ")}`);
  return body.data as T;
}

/** A field's result union: the expected type, or the typed error's message. */
function expectType<T extends { __typename: string }>(result: T, typename: string): T {
  if (result.__typename !== typename) throw new DemoError(`${result.__typename}: ${(result as { message?: string }).message ?? JSON.stringify(result)}`);
  return result;
}

async function run(title: string, work: () => Promise<string>): Promise<void> {
  step++;
  const started = performance.now();
  process.stdout.write(`[${String(step).padStart(2)}/${STEPS}] ${title} … `);
  const summary = await work();
  console.log(`${summary} (${Math.round(performance.now() - started)} ms)`);
}

const readCsv = (name: string) => fs.readFileSync(path.join(examples, name), "utf8");
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  console.log(`Superpose demo against ${url}\n`);
  let circuitId = "", modelId = "", datasetId = "", recommenderId = "", bestItem = { item: "", itemFeatures: [] as number[] };

  await run("health", async () => {
    const { health } = await gql(`{ health { status version databaseKind } }`);
    return `${health.status}, version ${health.version}, ${health.databaseKind}`;
  });

  await run("sign up (createUser)", async () => {
    const { createUser } = await gql(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { __typename ... on CreateUserPayload { apiKey user { id displayName } } ... on Error { message } } }`,
      { input: { displayName: `Demo ${new Date().toISOString().slice(0, 19)}`, features: [0.4, -0.2, 0.9, 0.1], consent: { personalization: true, sharedTraining: true } } },
    );
    apiKey = expectType(createUser, "CreateUserPayload").apiKey;
    return `${createUser.user.displayName}; API key ${apiKey!.slice(0, 10)}… (sent as Authorization: Bearer <key> from here on)`;
  });

  await run("import a circuit (importCircuit, OpenQASM 2)", async () => {
    const qasm = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0], q[1];\nmeasure q -> c;\n';
    const { importCircuit } = await gql(
      `mutation ($input: ImportCircuitInput!) { importCircuit(input: $input) { __typename ... on ImportCircuitPayload { circuit { id numQubits depth diagram(format: TEXT) } } ... on Error { message } } }`,
      { input: { name: "Bell", qasm } },
    );
    const circuit = expectType(importCircuit, "ImportCircuitPayload").circuit;
    circuitId = circuit.id;
    return `${circuit.numQubits} qubits, depth ${circuit.depth}\n${circuit.diagram.replace(/^/gm, "        ")}`;
  });

  await run("simulate it (simulate: 1,000 shots, seed 7)", async () => {
    const { simulate } = await gql(
      `query ($input: SimulateInput!) { simulate(input: $input) { __typename ... on Simulation { counts { bitstring count } expectations { observable value } } ... on Error { message } } }`,
      { input: { circuitId, shots: 1000, seed: 7, observables: ["Z0 Z1"] } },
    );
    const result = expectType(simulate, "Simulation");
    return `counts ${result.counts.map((c: { bitstring: string; count: number }) => `${c.bitstring}: ${c.count}`).join(", ")}; ⟨Z0 Z1⟩ = ${result.expectations[0].value.toFixed(3)}`;
  });

  await run("create a model (createModel: a variational classifier)", async () => {
    const { createModel } = await gql(
      `mutation ($input: CreateModelInput!) { createModel(input: $input) { __typename ... on CreateModelPayload { model { id numQubits circuit { parameterCount } } } ... on Error { message } } }`,
      { input: { name: "My Iris", task: "CLASSIFICATION", numFeatures: 4, classes: ["setosa", "versicolor", "virginica"], ansatz: { kind: "realAmplitudes", reps: 2 } } },
    );
    const model = expectType(createModel, "CreateModelPayload").model;
    modelId = model.id;
    return `${model.numQubits} qubits, ${model.circuit.parameterCount} trainable parameters`;
  });

  await run("import a dataset (importDataset: examples/iris.csv)", async () => {
    const { importDataset } = await gql(
      `mutation ($input: ImportDatasetInput!) { importDataset(input: $input) { __typename ... on DatasetPayload { added dataset { id } } ... on Error { message } } }`,
      { input: { name: "iris", kind: "CLASSIFICATION", numFeatures: 4, classes: ["setosa", "versicolor", "virginica"], csv: readCsv("iris.csv"), idempotencyKey: randomUUID() } },
    );
    const payload = expectType(importDataset, "DatasetPayload");
    datasetId = payload.dataset.id;
    return `${payload.added} examples`;
  });

  await run("train it (startTraining, then trainingJob until it ends)", async () => {
    const { startTraining } = await gql(
      `mutation ($m: ID!, $d: ID!, $k: String) { startTraining(modelId: $m, datasetId: $d, hyperparameters: { epochs: 15, seed: 1 }, idempotencyKey: $k) { __typename ... on TrainingJobPayload { job { id } } ... on Error { message } } }`,
      { m: modelId, d: datasetId, k: randomUUID() },
    );
    const jobId = expectType(startTraining, "TrainingJobPayload").job.id;
    for (let polls = 0; polls < 300; polls++) {
      const { trainingJob: job } = await gql(
        `query ($id: ID!) { trainingJob(id: $id) { __typename ... on TrainingJob { status progress epoch lossHistory { trainLoss } error metrics } ... on Error { message } } }`,
        { id: jobId },
      );
      expectType(job, "TrainingJob");
      const loss = job.lossHistory.at(-1)?.trainLoss;
      if (process.stdout.isTTY) process.stdout.write(`\r[${String(step).padStart(2)}/${STEPS}] train it … ${job.status} ${Math.round(job.progress * 100)} %${loss === undefined ? "" : `, loss ${loss.toFixed(3)}`}   `);
      if (job.status === "FAILED") throw new DemoError(`training failed: ${job.error}`);
      if (job.status === "SUCCEEDED") {
        const test = (job.metrics as { test: { quantum: { accuracy: number }; baseline: { accuracy: number }; baselineName: string } }).test;
        return `SUCCEEDED after ${job.epoch} epochs (${polls + 1} reads); test accuracy ${test.quantum.accuracy.toFixed(2)}, beside ${test.baselineName} ${test.baseline.accuracy.toFixed(2)}`;
      }
      await sleep(100); // locally each read runs one burst; in the cloud a worker does
    }
    throw new DemoError("training did not finish in 300 polls");
  });

  await run("predict (with 1,000 shots and an explanation)", async () => {
    const { predict } = await gql(
      `mutation ($m: ID!, $f: [Float!]!) { predict(modelId: $m, features: $f, options: { shots: 1000, seed: 3, explain: true }) {
        __typename ... on Prediction { label probabilities { label probability } interval { low high } explanation { attributions } } ... on Error { message } } }`,
      { m: modelId, f: [6.7, 3.0, 5.2, 2.3] },
    );
    const p = expectType(predict, "Prediction");
    const top = p.probabilities.find((c: { label: string }) => c.label === p.label);
    return `"${p.label}" (p ≈ ${top.probability.toFixed(2)}, interval ${p.interval.low.toFixed(2)}–${p.interval.high.toFixed(2)}); attributions ${p.explanation.attributions.map((a: number) => a.toFixed(2)).join(", ")}`;
  });

  await run("recommend (the shared taste recommender, 5 items of examples/items.csv)", async () => {
    const { models } = await gql(`{ models(first: 50) { edges { node { id name task } } } }`);
    const recommender = models.edges.map((e: { node: { id: string; task: string } }) => e.node).find((m: { task: string }) => m.task === "RECOMMENDATION");
    if (!recommender) throw new DemoError("no recommendation model: run npm run db:seed (npm start does) for the shared base models");
    recommenderId = recommender.id;
    candidates = readCsv("items.csv").trim().split("\n").slice(1, 6).map((line) => {
      const [item, ...features] = line.split(",");
      return { item: item!, itemFeatures: features.map(Number) };
    });
    const { recommend } = await gql(
      `query ($m: ID!, $c: [CandidateItem!]) { recommend(modelId: $m, candidates: $c) { __typename ... on Recommendations { personalized items { item score } } ... on Error { message } } }`,
      { m: recommenderId, c: candidates },
    );
    const r = expectType(recommend, "Recommendations");
    bestItem = candidates.find((c) => c.item === r.items[0].item)!;
    return `${r.personalized ? "personalized" : "shared model"}: ${r.items.map((i: { item: string; score: number }) => `${i.item} ${i.score.toFixed(2)}`).join(", ")}`;
  });

  await run("give feedback (recordFeedback: you liked the top item)", async () => {
    const { recordFeedback } = await gql(
      `mutation ($m: ID!, $i: String!, $f: [Float!]!, $k: String) { recordFeedback(modelId: $m, item: $i, itemFeatures: $f, signal: 1, idempotencyKey: $k) {
        __typename ... on FeedbackPayload { personalParameters { version values } } ... on Error { message } } }`,
      { m: recommenderId, i: bestItem.item, f: bestItem.itemFeatures, k: randomUUID() },
    );
    const p = expectType(recordFeedback, "FeedbackPayload").personalParameters;
    return `your personal parameters, version ${p.version}: ${p.values.map((v: number) => v.toFixed(3)).join(", ")}`;
  });

  await run("recommend again (the same items, now with your personal parameters)", async () => {
    const { recommend } = await gql(
      `query ($m: ID!, $c: [CandidateItem!]) { recommend(modelId: $m, candidates: $c) { __typename ... on Recommendations { personalized items { item score } } ... on Error { message } } }`,
      { m: recommenderId, c: candidates },
    );
    const r = expectType(recommend, "Recommendations");
    return `${r.personalized ? "personalized" : "shared model"}: ${r.items.map((i: { item: string; score: number }) => `${i.item} ${i.score.toFixed(2)}`).join(", ")}`;
  });

  await run("export your data (exportMyData, then exportJob until done, then download)", async () => {
    const { exportMyData } = await gql(`mutation { exportMyData { __typename ... on ExportPayload { job { id } } ... on Error { message } } }`);
    const jobId = expectType(exportMyData, "ExportPayload").job.id;
    for (let polls = 0; polls < 100; polls++) {
      const { exportJob: job } = await gql(`query ($id: ID!) { exportJob(id: $id) { __typename ... on ExportJob { status rows bytes error download { url } } ... on Error { message } } }`, { id: jobId });
      expectType(job, "ExportJob");
      if (job.status === "FAILED") throw new DemoError(`the export failed: ${job.error}`);
      if (job.status === "SUCCEEDED") {
        const file = await fetch(job.download.url);
        if (!file.ok) throw new DemoError(`the download answered HTTP ${file.status}`);
        const lines = (await file.text()).trim().split("\n");
        return `${job.rows} records, ${job.bytes} bytes; downloaded ${lines.length} JSON lines (${JSON.parse(lines[0]!).type})`;
      }
      await sleep(200);
    }
    throw new DemoError("the export did not finish in 100 polls");
  });

  await run("your usage (me.usage)", async () => {
    const { me } = await gql(`{ me { usage { quota used limit } } }`);
    return me.usage.filter((u: { used: number }) => u.used > 0).map((u: { quota: string; used: number; limit: number }) => `${u.quota} ${u.used}/${u.limit}`).join(", ");
  });

  console.log("\nDone: every step above went through the GraphQL API. The README's \"Using the API\" shows each operation.");
}

main().catch((error: unknown) => {
  console.log(`\n\nThe demo stopped at step ${step}: ${error instanceof DemoError ? error.message : (error as Error).stack}`);
  process.exitCode = 1;
});
