// A fan-out load on PostgreSQL, as the cloud sees it: n separate processes, each one warm "Lambda
// instance" running the bundled graphql handler one request at a time (fan-out-instance.mjs), on
// the mixed workload, while the app role's connections are counted. Used by bench/load.ts (32–64
// instances) and by test/functions/fan-out-load.test.ts (a bounded run in CI).
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import { encodeGlobalID } from "@pothos/plugin-relay";
import type pg from "pg";
import { loadIris } from "../../ml/index.ts";
import { createModel, createUser, ensureBaseModels, importDataset, type Db } from "../../services/index.ts";

const root = path.resolve(import.meta.dirname, "../..");

/** What one instance works as: its user's key, a model to train and a dataset to train it on. */
export interface FanOutUser {
  apiKey: string;
  trainModel: string;
  dataset: string;
}

export interface FanOutSetup {
  users: FanOutUser[];
  /** Global ids of the shared base models: the Iris classifier (predict) and the recommender (feedback). */
  classifier: string;
  recommender: string;
}

/** The shared base models, and `count` users, each with a small classifier and an Iris dataset. */
export async function seedFanOut(db: Db, count: number): Promise<FanOutSetup> {
  const base = await ensureBaseModels(db);
  const iris = loadIris();
  const csv = ["a,b,c,d,species", ...iris.rows.flatMap((r, i) => (i % 5 === 0 ? [`${r.join(",")},${iris.classes[iris.labels[i]!]}`] : []))].join("\n");
  const users: FanOutUser[] = [];
  for (let i = 0; i < count; i++) {
    const { user, apiKey } = await createUser(db, { displayName: `Load ${i}`, features: [0.1, 0.4, 0.6, 0.9], consent: { personalization: true } });
    const model = await createModel(db, user.id, { name: "load", task: "CLASSIFICATION", numFeatures: 4, classes: iris.classes });
    const dataset = await importDataset(db, user.id, { name: "iris", kind: "CLASSIFICATION", numFeatures: 4, classes: iris.classes, csv });
    users.push({ apiKey, trainModel: encodeGlobalID("Model", model.id), dataset: encodeGlobalID("Dataset", dataset.id) });
  }
  return {
    users,
    classifier: encodeGlobalID("Model", base.find((m) => m.task === "CLASSIFICATION")!.id),
    recommender: encodeGlobalID("Model", base.find((m) => m.task === "RECOMMENDATION")!.id),
  };
}

export interface FanOutOptions {
  /** The app's database URL (its role is the one whose connections are counted). */
  databaseUrl: string;
  /** A connection of another role, to read pg_stat_activity. */
  admin: pg.Client;
  role: string;
  setup: FanOutSetup;
  seconds: number;
  poolSize: number;
  /** Percent of predict, feedback and training operations. */
  mix: number[];
  /** Called just before and just after the measured window (the bench reads the server's CPU). */
  around?: { before: () => void; after: () => void };
}

/** One answer: its operation, latency, status (200, 503, or "error …"), and Retry-After of a 503. */
export type Sample = [op: string, ms: number, status: number | string, retryAfter: number | null];

export interface FanOutResult {
  samples: Sample[];
  errorSamples: { op: string; status: number; body: string }[];
  /** Most connections of the role seen at once (sampled every 50 ms, from the first process start). */
  peakConnections: number;
  seconds: number;
}

/** Starts n instances, waits until all are warm, lets them run `seconds` together, and reports. */
export async function runFanOut(n: number, options: FanOutOptions): Promise<FanOutResult> {
  if (options.setup.users.length < n) throw new Error(`seeded ${options.setup.users.length} users for ${n} instances`);
  let peakConnections = 0;
  const count = async () => {
    // Connections that got in (a refused one shows for an instant with no state yet).
    const { rows } = await options.admin.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = $1 AND state IS NOT NULL", [options.role]);
    peakConnections = Math.max(peakConnections, rows[0]!.n);
  };
  const sampler = setInterval(() => void count().catch(() => undefined), 50);
  const children = Array.from({ length: n }, (_, i) => startInstance(i, options));
  try {
    await Promise.all(children.map((c) => c.ready));
    options.around?.before();
    const started = Date.now();
    const outcomes = await Promise.all(children.map((c) => c.run(started + options.seconds * 1000)));
    const seconds = (Date.now() - started) / 1000;
    options.around?.after();
    await count();
    return { samples: outcomes.flatMap((o) => o.samples), errorSamples: outcomes.flatMap((o) => o.errors), peakConnections, seconds };
  } finally {
    clearInterval(sampler);
    for (const { child } of children) if (child.exitCode === null) child.kill();
  }
}

interface Outcome {
  samples: Sample[];
  errors: { op: string; status: number; body: string }[];
}

function startInstance(index: number, options: FanOutOptions): { child: ChildProcess; ready: Promise<void>; run: (until: number) => Promise<Outcome> } {
  const { setup } = options;
  const child = fork(path.join(root, "test/support/fan-out-instance.mjs"), {
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      DATABASE_POOL_SIZE: String(options.poolSize),
      RATE_LIMIT_PER_KEY: "100000000",
      RATE_LIMIT_PER_IP: "100000000",
      LOG_LEVEL: "silent",
      TRAINING_DRIVER: "inline",
      FANOUT_FUNCTION: "",
      TRAIN_BURST_FUNCTION: "",
      LOAD_INSTANCE: JSON.stringify({ root, index, seed: 1000 + index, mix: options.mix, classifier: setup.classifier, recommender: setup.recommender, ...setup.users[index] }),
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = new Promise<never>((_, reject) => child.once("exit", (code) => reject(new Error(`instance ${index} exited with ${code} before it reported`))));
  exited.catch(() => undefined);
  const ready = Promise.race([new Promise<void>((resolve) => child.once("message", () => resolve())), exited]);
  const run = (until: number) =>
    Promise.race([
      new Promise<Outcome>((resolve) => {
        child.once("message", (message) => resolve(message as Outcome));
        child.send({ until });
      }),
      exited,
    ]);
  return { child, ready, run };
}
