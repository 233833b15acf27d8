// One "Lambda instance" of the fan-out load (test/support/fan-out.ts): a process that imports the bundled graphql handler and
// sends it API Gateway events one at a time (as Lambda does) with the mixed workload, from the
// parent's "go" (after a warm-up) until the window ends; then reports every answer's latency and outcome over IPC.
// Answers with 503 are honoured like a client would: wait Retry-After seconds, then go on.
import path from "node:path";

const config = JSON.parse(process.env.LOAD_INSTANCE);
const { handler } = await import(path.join(config.root, "dist/functions/graphql.mjs"));

// A small seeded generator (mulberry32): each instance has its own, reproducible, operation mix.
let seed = config.seed >>> 0;
function random() {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

let requestId = 0;
async function send(query, variables) {
  const event = {
    version: "2.0",
    rawPath: "/graphql",
    rawQueryString: "",
    headers: { host: "load.test", "content-type": "application/json", accept: "application/graphql-response+json", authorization: `Bearer ${config.apiKey}` },
    body: JSON.stringify({ query, variables }),
    isBase64Encoded: false,
    requestContext: { http: { method: "POST", path: "/graphql", sourceIp: `198.18.0.${config.index % 250}` }, requestId: `load-${config.index}-${++requestId}` },
  };
  const started = performance.now();
  const result = await handler(event);
  return { ms: performance.now() - started, status: result.statusCode, retryAfter: result.headers?.["retry-after"], body: JSON.parse(result.body) };
}

const PREDICT = `mutation ($m: ID!, $f: [Float!]!) { predict(modelId: $m, features: $f) { __typename ... on Prediction { label } ... on Error { message } } }`;
const FEEDBACK = `mutation ($m: ID!, $i: String!, $f: [Float!]!, $s: Float!, $k: String) { recordFeedback(modelId: $m, item: $i, itemFeatures: $f, signal: $s, idempotencyKey: $k) { __typename ... on Error { message } } }`;
const START = `mutation ($m: ID!, $d: ID!, $k: String) { startTraining(modelId: $m, datasetId: $d, hyperparameters: { epochs: 2, batchSize: 8 }, idempotencyKey: $k) { __typename ... on TrainingJobPayload { job { id } } ... on Error { message } } }`;
const CREATE_MODEL = `mutation { createModel(input: { name: "load", task: CLASSIFICATION, numFeatures: 4, classes: ["setosa", "versicolor", "virginica"] }) { ... on CreateModelPayload { model { id } } } }`;
const POLL = `query ($id: ID!) { trainingJob(id: $id) { __typename ... on TrainingJob { status } ... on Error { message } } }`;

let job = null; // this instance's running training job
let trainModel = config.trainModel;
let trainingRound = 0;
const [predictShare, feedbackShare] = config.mix.map((percent) => percent / 100);
/** One operation of the mix (by default predict 70 %, feedback 20 %, training 10 %: a start, then polls that each run a burst). */
async function operation() {
  const roll = random();
  if (roll < predictShare) {
    const features = [0, 1, 2, 3].map(() => 4 + 3 * random());
    const answer = await send(PREDICT, { m: config.classifier, f: features });
    return { op: "predict", answer, ok: answer.body.data?.predict?.__typename === "Prediction" };
  }
  if (roll < predictShare + feedbackShare) {
    const answer = await send(FEEDBACK, { m: config.recommender, i: `item-${Math.floor(random() * 50)}`, f: [0, 1, 2, 3].map(() => random()), s: random() * 2 - 1, k: `fb-${config.index}-${requestId}` });
    return { op: "feedback", answer, ok: answer.body.data?.recordFeedback?.__typename === "FeedbackPayload" };
  }
  if (job === null) {
    const answer = await send(START, { m: trainModel, d: config.dataset, k: `train-${config.index}-${++trainingRound}` });
    job = answer.body.data?.startTraining?.job?.id ?? null;
    if (answer.body.data?.startTraining?.__typename !== "QuotaError") return { op: "startTraining", answer, ok: job !== null };
    // This model has its 100 versions (a quota): go on with a new model, as a user would.
    const created = await send(CREATE_MODEL, {});
    trainModel = created.body.data?.createModel?.model?.id ?? trainModel;
    return { op: "createModel", answer: created, ok: trainModel !== null && created.status === 200 };
  }
  const answer = await send(POLL, { id: job });
  const status = answer.body.data?.trainingJob?.status;
  if (status !== "QUEUED" && status !== "RUNNING") job = null; // ended: the next training roll starts another
  return { op: "trainingBurst", answer, ok: typeof status === "string" };
}

process.on("message", async ({ until }) => {
  const samples = [];
  const errors = [];
  while (Date.now() < until) {
    const { op, answer, ok } = await operation();
    const unavailable = answer.status === 503;
    samples.push([op, answer.ms, answer.status, unavailable ? Number(answer.retryAfter) : null]);
    if (!ok && !unavailable && errors.length < 5) errors.push({ op, status: answer.status, body: JSON.stringify(answer.body).slice(0, 300) });
    if (unavailable && answer.retryAfter) await new Promise((resolve) => setTimeout(resolve, Number(answer.retryAfter) * 1000));
    if (!ok && !unavailable) samples.at(-1)[2] = `error ${answer.status}`;
  }
  process.send({ samples, errors }, () => process.exit(0));
});
// Warm up first (the database connection, Prisma's query compiler, the JIT, the cached models), so the
// window measures warm instances, as a steady load meets them; a refused warm-up is fine (starved runs).
for (let i = 0; i < 20; i++) await operation();
process.send({ ready: true });
