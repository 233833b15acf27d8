// `npm run demo`: the README's journey, unattended, against a running server (npm start), through
// GraphQL only, with the named operations of examples/journey.graphql: sign up → circuit →
// simulate → model → dataset → train (with progress) → predict → recommend → feedback →
// personalized recommendation → export. Prints each step's result; on a refusal it prints the
// API's own message and stops with exit code 1.
//
//   npm start            (in another terminal)
//   npm run demo         GRAPHQL_URL=http://127.0.0.1:4000/graphql npm run demo   (other ports)
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parse } from "csv-parse/sync";

const url = process.env.GRAPHQL_URL ?? `http://127.0.0.1:${process.env.PORT ?? 3000}/graphql`;
const examples = path.resolve(import.meta.dirname, "../examples");
const journey = fs.readFileSync(path.join(examples, "journey.graphql"), "utf8");
const STEPS = 13;
let apiKey: string | null = null;
let candidates: { item: string; itemFeatures: number[] }[] = [];
let step = 0;

class DemoError extends Error {}

/** One named operation of journey.graphql; a transport or top-level error stops the demo with the API's message. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a demo reads arbitrary JSON answers; each step names what it reads
async function op<T = any>(operationName: string, variables: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      body: JSON.stringify({ query: journey, operationName, variables }),
    });
  } catch (error) {
    throw new DemoError(`cannot reach ${url} (${(error as Error).cause ?? error}). Start the server first: npm start (or set GRAPHQL_URL).`);
  }
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length) throw new DemoError(`HTTP ${response.status}: ${body.errors.map((e) => e.message).join("; ")}`);
  return body.data as T;
}

/** A field's result union: the expected member (recognised by one of its fields), or the typed error's message. */
function expectMember<T>(result: T, field: keyof T & string): T {
  const member = result as { code?: string; message?: string; reason?: string; detail?: string };
  if ((result as Record<string, unknown>)[field] === undefined) throw new DemoError(`${member.code ?? member.reason ?? "error"}: ${member.message ?? member.detail ?? JSON.stringify(result)}`);
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
  let circuitId = "", modelId = "", datasetId = "", recommenderId = "";
  let bestItem = { item: "", itemFeatures: [] as number[] };

  await run("health (Health)", async () => {
    const { health } = await op("Health");
    return `${health.status}, version ${health.version}, ${health.databaseKind}`;
  });

  await run("sign up (SignUp)", async () => {
    const input = { displayName: `Demo ${new Date().toISOString().slice(0, 19)}`, features: [0.4, -0.2, 0.9, 0.1], consent: { personalization: true, sharedTraining: true } };
    const created = expectMember((await op("SignUp", { input })).createUser, "apiKey");
    apiKey = created.apiKey;
    return `${created.user.displayName}; API key ${apiKey!.slice(0, 10)}… (sent as Authorization: Bearer <key> from here on)`;
  });

  await run("import a circuit (ImportCircuit, OpenQASM 2)", async () => {
    const qasm = 'OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0], q[1];\nmeasure q -> c;\n';
    const { circuit } = expectMember((await op("ImportCircuit", { input: { name: "Bell", qasm } })).importCircuit, "circuit");
    circuitId = circuit.id;
    return `${circuit.numQubits} qubits, depth ${circuit.depth}\n${circuit.diagram.replace(/^/gm, "        ")}`;
  });

  await run("simulate it (Simulate: 1,000 shots, seed 7)", async () => {
    const result = expectMember((await op("Simulate", { input: { circuitId, shots: 1000, seed: 7, observables: ["Z0 Z1"] } })).simulate, "counts");
    return `counts ${result.counts.map((c: { bitstring: string; count: number }) => `${c.bitstring}: ${c.count}`).join(", ")}; ⟨Z0 Z1⟩ = ${result.expectations[0].value.toFixed(3)}`;
  });

  await run("create a model (CreateModel: a variational classifier)", async () => {
    const input = { name: "My Iris", task: "CLASSIFICATION", numFeatures: 4, classes: ["setosa", "versicolor", "virginica"], ansatz: { kind: "realAmplitudes", reps: 2 } };
    const { model } = expectMember((await op("CreateModel", { input })).createModel, "model");
    modelId = model.id;
    return `${model.numQubits} qubits, ${model.circuit.parameterCount} trainable parameters`;
  });

  await run("import a dataset (ImportDataset: examples/iris.csv)", async () => {
    const input = { name: "iris", kind: "CLASSIFICATION", numFeatures: 4, classes: ["setosa", "versicolor", "virginica"], csv: readCsv("iris.csv"), idempotencyKey: randomUUID() };
    const payload = expectMember((await op("ImportDataset", { input })).importDataset, "dataset");
    datasetId = payload.dataset.id;
    return `${payload.added} examples`;
  });

  await run("train it (StartTraining, then TrainingProgress until it ends)", async () => {
    const started = expectMember((await op("StartTraining", { model: modelId, dataset: datasetId, hyperparameters: { epochs: 15, seed: 1 }, key: randomUUID() })).startTraining, "job");
    for (let reads = 1; reads <= 300; reads++) {
      const job = expectMember((await op("TrainingProgress", { job: started.job.id })).trainingJob, "status");
      const loss = job.lossHistory.at(-1)?.trainLoss;
      if (process.stdout.isTTY) process.stdout.write(`\r[${String(step).padStart(2)}/${STEPS}] train it … ${job.status} ${Math.round(job.progress * 100)} %${loss === undefined ? "" : `, loss ${loss.toFixed(3)}`}   `);
      if (job.status === "FAILED") throw new DemoError(`training failed: ${job.error}`);
      if (job.status === "SUCCEEDED") {
        const test = (job.metrics as { test: { quantum: { accuracy: number }; baseline: { accuracy: number }; baselineName: string } }).test;
        return `SUCCEEDED after ${job.epoch} epochs (${reads} reads); test accuracy ${test.quantum.accuracy.toFixed(2)}, beside ${test.baselineName} ${test.baseline.accuracy.toFixed(2)}`;
      }
      await sleep(100); // locally each read runs one burst; in the cloud a worker does
    }
    throw new DemoError("training did not finish in 300 reads");
  });

  await run("predict (Predict: 1,000 shots and an explanation)", async () => {
    const p = expectMember((await op("Predict", { model: modelId, features: [6.7, 3.0, 5.2, 2.3] })).predict, "label");
    const top = p.probabilities.find((c: { label: string }) => c.label === p.label);
    return `"${p.label}" (p ≈ ${top.probability.toFixed(2)}, interval ${p.interval.low.toFixed(2)}–${p.interval.high.toFixed(2)}); attributions ${p.explanation.attributions.map((a: number) => a.toFixed(2)).join(", ")}`;
  });

  await run("recommend (Models, then Recommend: the shared recommender, 5 items of examples/items.csv)", async () => {
    const models = (await op("Models")).models.edges.map((e: { node: { id: string; task: string } }) => e.node);
    const recommender = models.find((m: { task: string }) => m.task === "RECOMMENDATION");
    if (!recommender) throw new DemoError("no recommendation model: run npm run db:seed (npm start does) for the shared base models");
    recommenderId = recommender.id;
    const items: string[][] = parse(readCsv("items.csv"), { from_line: 2, to_line: 6, trim: true }); // past the header: 5 items
    candidates = items.map(([item, ...features]) => ({ item: item!, itemFeatures: features.map(Number) }));
    const r = expectMember((await op("Recommend", { model: recommenderId, candidates })).recommend, "items");
    bestItem = candidates.find((c) => c.item === r.items[0].item)!;
    return `${r.personalized ? "personalized" : "shared model"}: ${ranking(r.items)}`;
  });

  await run("give feedback (RecordFeedback: you liked the top item)", async () => {
    const result = expectMember((await op("RecordFeedback", { model: recommenderId, item: bestItem.item, itemFeatures: bestItem.itemFeatures, signal: 1, key: randomUUID() })).recordFeedback, "personalParameters");
    const p = result.personalParameters;
    return `your personal parameters, version ${p.version}: ${p.values.map((v: number) => v.toFixed(3)).join(", ")}`;
  });

  await run("recommend again (Recommend: the same items, now with your personal parameters)", async () => {
    const r = expectMember((await op("Recommend", { model: recommenderId, candidates })).recommend, "items");
    return `${r.personalized ? "personalized" : "shared model"}: ${ranking(r.items)}`;
  });

  await run("export your data (ExportMyData, ExportProgress until done, then download)", async () => {
    const started = expectMember((await op("ExportMyData")).exportMyData, "job");
    for (let reads = 0; reads < 100; reads++) {
      const job = expectMember((await op("ExportProgress", { job: started.job.id })).exportJob, "status");
      if (job.status === "FAILED") throw new DemoError(`the export failed: ${job.error}`);
      if (job.status === "SUCCEEDED") {
        const file = await fetch(job.download.url);
        if (!file.ok) throw new DemoError(`the download answered HTTP ${file.status}`);
        const lines = (await file.text()).trim().split("\n");
        return `${job.rows} records, ${job.bytes} bytes; downloaded ${lines.length} JSON lines (${JSON.parse(lines[0]!).type})`;
      }
      await sleep(200);
    }
    throw new DemoError("the export did not finish in 100 reads");
  });

  await run("your usage (Usage)", async () => {
    const { me } = await op("Usage");
    return me.usage.filter((u: { used: number }) => u.used > 0).map((u: { quota: string; used: number; limit: number }) => `${u.quota} ${u.used}/${u.limit}`).join(", ");
  });

  console.log('\nDone: every step went through the GraphQL API, with the operations of examples/journey.graphql (the README\'s "Using the API").');
}

function ranking(items: { item: string; score: number }[]): string {
  return items.map((i) => `${i.item} ${i.score.toFixed(2)}`).join(", ");
}

main().catch((error: unknown) => {
  console.log(`\n\nThe demo stopped at step ${step}: ${error instanceof DemoError ? error.message : (error as Error).stack}`);
  process.exitCode = 1;
});
