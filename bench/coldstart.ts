// Cold start as Lambda pays it: each deployment zip (.serverless/<function>.zip, from `npm run
// package`) is unpacked alone into a temporary folder, with no node_modules, and fresh `node`
// processes import its handler and answer one event, in the environment Lambda gives them
// (serverless.yml's NODE_OPTIONS, AWS_LAMBDA_FUNCTION_NAME set, so the init phase runs). Per
// probe, medians of: the time from process start to the end of the import (Lambda's init phase)
// and to the answer (the child's clock); the time from spawning the child to reading its answer
// (ours); and that time's ratio to `node -e 0` (spawn to exit), timed in the same run.
//
//   npm run bench:coldstart                                      SQLite (a throwaway database)
//   BENCH_POSTGRES_URL=postgresql://… npm run bench:coldstart    adds PostgreSQL
//   BENCH_NODE=/path/to/node npm run bench:coldstart             adds a second Node.js (Lambda runs 22)
//   BENCH_BASELINE=/path/to/checkout npm run bench:coldstart     that checkout's zips side by side
//                                                                (say, a git worktree of an older commit, packaged)
//   BENCH_LAMBDA_MEMORY=1024,1769 npm run bench:coldstart        adds runs under the CPU share Lambda
//                                                                gives that memory size (needs root)
//
// SQLite needs the better-sqlite3 addon, which the zips do not carry (Lambda runs on PostgreSQL):
// for SQLite runs the unpacked folder gets a node_modules with that addon alone, linked from ours.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { connectDatabase, createUser, ensureBaseModels } from "../services/index.ts";
import { cpuShare, type CpuShare } from "./support/cpu-share.ts";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const root = path.resolve(import.meta.dirname, "..");
const temp = fs.mkdtempSync(path.join(os.tmpdir(), "superpose-coldstart-"));
const SQLITE_ADDON = ["better-sqlite3", "bindings", "file-uri-to-path"];

/** A packaged checkout: its zips and the NODE_OPTIONS its serverless.yml gives the functions. */
interface Build {
  label: string;
  project: string;
  nodeOptions: string;
}
function build(label: string, project: string): Build {
  if (!fs.existsSync(path.join(project, ".serverless/graphql.zip"))) throw new Error(`${project}/.serverless/graphql.zip is missing: run \`npm run package\` there first`);
  const yml = fs.readFileSync(path.join(project, "serverless.yml"), "utf8");
  return { label, project, nodeOptions: /^\s+NODE_OPTIONS: (.*)$/m.exec(yml)?.[1]?.trim() ?? "" };
}
const builds = [build("this checkout", root), ...(process.env.BENCH_BASELINE ? [build("baseline", path.resolve(process.env.BENCH_BASELINE))] : [])];

interface Probe {
  name: string;
  zip: string;
  entry: string;
  /** The event, as JavaScript source; `KEY` is the bench user's API key. */
  event: string;
  /** Throws (in the child) unless the answer is the expected one. */
  check: string;
}
// The shared Iris classifier, by its global ID (Relay: base64 of "Model:<id>").
const BASE_MODEL_ID = Buffer.from("Model:base-iris-classifier").toString("base64");
const graphqlEvent = (query: string, withKey: boolean) =>
  `{ rawPath: "/graphql", rawQueryString: "", headers: { host: "x", "content-type": "application/json"${withKey ? ", authorization: `Bearer ${KEY}`" : ""} }, body: JSON.stringify({ query: ${JSON.stringify(query)} }), isBase64Encoded: false, requestContext: { http: { method: "POST", sourceIp: "192.0.2.1" } } }`;
const PROBES: Probe[] = [
  {
    name: "graphql: first `health`",
    zip: "graphql",
    entry: "graphql.mjs",
    event: graphqlEvent("{ health { status databaseKind } }", false),
    check: `if (JSON.parse(result.body).data?.health.status !== "OK") throw new Error(result.body);`,
  },
  {
    name: "graphql: first `predict`",
    zip: "graphql",
    entry: "graphql.mjs",
    event: graphqlEvent(`mutation { predict(modelId: "${BASE_MODEL_ID}", features: [5.1, 3.5, 1.4, 0.2], options: { explain: true }) { ... on Prediction { label } } }`, true),
    check: `if (!JSON.parse(result.body).data?.predict.label) throw new Error(result.body);`,
  },
  {
    name: "trainBurst: job lookup",
    zip: "trainBurst",
    entry: "train-burst.mjs",
    event: `{ jobId: "no-such-job", chain: false }`,
    check: `if (result.status !== "NOT_FOUND") throw new Error(JSON.stringify(result));`,
  },
  {
    name: "fanout: a 1×1 Gram shard",
    zip: "fanout",
    entry: "fanout.mjs",
    event: `{ kind: "gram", map: { encoding: { kind: "zz", numFeatures: 2, reps: 2, entanglement: "linear" }, scaler: { kind: "minmax", low: 0, high: 1, min: [0, 0], max: [1, 1] } }, rows: [[0.3, 0.6]], columns: [[0.3, 0.6]] }`,
    check: `if (Math.abs(result.values[0] - 1) > 1e-12) throw new Error(JSON.stringify(result));`,
  },
];

/** A zip unpacked alone, with the probe's child script; for SQLite, beside a node_modules holding only the SQLite addon. */
function unpack(buildIndex: number, probe: Probe, sqlite: boolean, key: string): string {
  const dir = path.join(temp, `${buildIndex}-${probe.zip}${sqlite ? "-sqlite" : ""}`);
  if (!fs.existsSync(dir)) {
    fs.mkdirSync(dir);
    execFileSync("unzip", ["-q", path.join(builds[buildIndex]!.project, ".serverless", `${probe.zip}.zip`), "-d", dir]);
    if (sqlite) {
      fs.mkdirSync(path.join(dir, "node_modules"));
      for (const name of SQLITE_ADDON) fs.symlinkSync(path.join(root, "node_modules", name), path.join(dir, "node_modules", name));
    }
  }
  // Each child measures from its own process start (performance.timeOrigin) to the end of the import and to the answer.
  const child = path.join(dir, `child-${PROBES.indexOf(probe)}.mjs`);
  fs.writeFileSync(
    child,
    `const KEY = ${JSON.stringify(key)};
const { handler } = await import("./dist/functions/${probe.entry}");
const imported = performance.now();
const result = await handler(${probe.event});
const answered = performance.now();
${probe.check}
console.log(JSON.stringify({ imported, answered }));
process.exit(0);
`,
  );
  return child;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// The environment of every child, bare or not: nothing of ours (NODE_EXTRA_CA_CERTS, say, costs Node 20 a file read at start).
const childEnv = (extra: Record<string, string>) => ({ PATH: process.env.PATH ?? "/usr/bin:/bin", ...extra });

interface Timing {
  imported: number;
  answered: number;
  /** From the spawn to reading the answer. */
  seen: number;
}

/** Spawns `node args` (in the CPU share, if any) and times the arrival of its timing line from the spawn; settles when it has exited. */
function timedRun(node: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, cpu: CpuShare | null, expectLine = true): Promise<Timing> {
  const [command, commandArgs] = cpu ? cpu.command(node, args) : [node, args];
  const started = performance.now();
  const child = spawn(command, commandArgs, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  let err = "";
  let timing: Timing | undefined;
  child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
  child.stdout.on("data", (chunk: Buffer) => {
    const seen = performance.now() - started;
    out += chunk.toString();
    const line = out.split("\n").find((l) => l.startsWith('{"imported"') && l.endsWith("}"));
    if (line && !timing) timing = { ...JSON.parse(line), seen };
  });
  return new Promise((resolve, reject) =>
    child.on("close", (code) => {
      if (code === 0 && !expectLine) resolve({ imported: 0, answered: 0, seen: performance.now() - started });
      else if (code === 0 && timing) resolve(timing);
      else reject(new Error(`${args.join(" ")} exited (${code}) with no timing line: ${(out + err).slice(0, 2000)}`));
    }),
  );
}

async function bareNode(node: string, cpu: CpuShare | null): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) samples.push((await timedRun(node, ["-e", "0"], temp, childEnv({}), cpu, false)).seen);
  return median(samples);
}

/** A migrated database with the shared base models and one user; returns that user's API key. */
async function prepare(databaseUrl: string): Promise<string> {
  execFileSync(process.execPath, ["scripts/migrate.mjs", "deploy", "--quiet"], { cwd: root, env: { ...process.env, DATABASE_URL: databaseUrl } });
  const db = await connectDatabase(databaseUrl);
  try {
    await ensureBaseModels(db);
    return (await createUser(db, { displayName: "Cold start bench" })).apiKey;
  } finally {
    await db.$disconnect();
  }
}

/** One table: every probe, each build's runs interleaved (so a busy moment weighs on both alike). */
async function measure(node: string, label: string, databaseUrl: string, key: string, cpu: CpuShare | null) {
  const sqlite = databaseUrl.startsWith("file:");
  const bare = await bareNode(node, cpu);
  console.log(`\n${label}${cpu ? `, ${cpu.label}` : ""} (median of ${RUNS} fresh processes; node -e 0: ${bare.toFixed(0)} ms spawn to exit)`);
  const head = ["probe".padEnd(26), ..."init request answered spawn→answer ÷node".split(" ").map((h) => h.padStart(9))];
  if (builds.length > 1) head.push(..."baseline: init answered spawn→answer ÷node".split(" ").map((h, i) => (i === 0 ? `  ${h}` : h.padStart(9))));
  console.log(head.join(" "));
  for (const probe of PROBES) {
    const samples = builds.map(() => [] as Timing[]);
    const children = builds.map((_, b) => unpack(b, probe, sqlite, key));
    for (let i = 0; i < RUNS; i++) {
      for (const [b, file] of children.entries()) {
        const env = childEnv({ DATABASE_URL: databaseUrl, NODE_OPTIONS: builds[b]!.nodeOptions, AWS_LAMBDA_FUNCTION_NAME: `superpose-bench-${probe.zip}`, AWS_REGION: "eu-west-1", LOG_LEVEL: "warn" });
        samples[b]!.push(await timedRun(node, [file], path.dirname(file), env, cpu));
      }
    }
    const cells = samples.flatMap((runs, b) => {
      const m = (pick: (s: Timing) => number) => median(runs.map(pick));
      const ms = (value: number) => value.toFixed(0).padStart(9);
      const ratio = `${(m((s) => s.seen) / bare).toFixed(2)}×`.padStart(9);
      return b === 0
        ? [ms(m((s) => s.imported)), ms(m((s) => s.answered - s.imported)), ms(m((s) => s.answered)), ms(m((s) => s.seen)), ratio]
        : [`  ${"".padStart(8)}`, ms(m((s) => s.imported)), ms(m((s) => s.answered)), ms(m((s) => s.seen)), ratio];
    });
    console.log([probe.name.padEnd(26), ...cells].join(" "));
  }
}

const nodes = [process.execPath, ...(process.env.BENCH_NODE ? [process.env.BENCH_NODE] : [])];
const versionOf = (node: string) => execFileSync(node, ["-p", "process.versions.modules + ' ' + process.version"], { encoding: "utf8" }).trim().split(" ");
const memories = (process.env.BENCH_LAMBDA_MEMORY ?? "").split(",").filter(Boolean).map(Number);
const shares = [null, ...memories.map((mb) => cpuShare(mb))];
for (const b of builds) {
  const zipSizes = PROBES.filter((p, i) => PROBES.findIndex((q) => q.zip === p.zip) === i)
    .map((p) => `${p.zip} ${(fs.statSync(path.join(b.project, ".serverless", `${p.zip}.zip`)).size / 1e6).toFixed(2)} MB`)
    .join(", ");
  console.log(`${b.label}: zips ${zipSizes}; NODE_OPTIONS=${b.nodeOptions || "(none)"}`);
}

try {
  const databases: [string, string, string][] = [];
  const sqliteUrl = `file:${path.join(temp, "bench.db")}`;
  databases.push(["SQLite", sqliteUrl, await prepare(sqliteUrl)]);
  const postgresUrl = process.env.BENCH_POSTGRES_URL;
  if (postgresUrl) databases.push(["PostgreSQL", postgresUrl, await prepare(postgresUrl)]);
  for (const node of nodes) {
    const [abi, version] = versionOf(node);
    for (const [name, url, key] of databases) {
      // better-sqlite3 is built for the Node.js that installed it; another major cannot load it.
      if (name === "SQLite" && abi !== process.versions.modules) {
        console.log(`\nNode.js ${version}, SQLite: skipped (better-sqlite3 is built for Node.js ${process.version})`);
        continue;
      }
      for (const share of shares) await measure(node, `Node.js ${version}, ${name}`, url, key, share);
    }
  }
} finally {
  for (const share of shares) share?.remove();
  fs.rmSync(temp, { recursive: true, force: true });
}
