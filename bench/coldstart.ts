// Cold start of each bundled function: fresh `node` processes import dist/functions/<name>.mjs and
// answer one event (graphql: a `health` query that touches the database; trainBurst: a job lookup;
// fanout: a tiny Gram shard). Reports, per database, the median time from process start.
//
//   npm run bench:coldstart                               (SQLite: a throwaway database)
//   BENCH_POSTGRES_URL=postgresql://... npm run bench:coldstart   (adds PostgreSQL)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const root = path.resolve(import.meta.dirname, "..");
const bundle = path.join(root, "dist/functions/graphql.mjs");
if (!fs.existsSync(bundle)) throw new Error("dist/functions/graphql.mjs is missing: run `npm run build` first");

// Each child measures from its own process start (performance.timeOrigin) to the handler's answer.
const childFor = (file: string, event: string, check: string) => `
const { handler } = await import(${JSON.stringify(path.join(root, "dist/functions"))} + "/${file}");
const importedAt = performance.now();
const result = await handler(${event});
const answeredAt = performance.now();
${check}
console.log(JSON.stringify({ imported: importedAt, answered: answeredAt }));
process.exit(0);
`;
const HANDLERS = [
  {
    name: "graphql (first `health` query)",
    child: childFor(
      "graphql.mjs",
      `{ rawPath: "/graphql", rawQueryString: "", headers: { host: "x", "content-type": "application/json" }, body: JSON.stringify({ query: "{ health { status databaseKind } }" }), isBase64Encoded: false, requestContext: { http: { method: "POST" } } }`,
      `if (JSON.parse(result.body).data.health.status !== "OK") throw new Error(result.body);`,
    ),
  },
  {
    name: "trainBurst (job lookup)",
    child: childFor("train-burst.mjs", `{ jobId: "no-such-job", chain: false }`, `if (result.status !== "NOT_FOUND") throw new Error(JSON.stringify(result));`),
  },
  {
    name: "fanout (a 1×1 Gram shard)",
    child: childFor(
      "fanout.mjs",
      `{ kind: "gram", map: { encoding: { kind: "zz", numFeatures: 2, reps: 2, entanglement: "linear" }, scaler: { kind: "minmax", low: 0, high: 1, min: [0, 0], max: [1, 1] } }, rows: [[0.3, 0.6]], columns: [[0.3, 0.6]] }`,
      `if (Math.abs(result.values[0] - 1) > 1e-12) throw new Error(JSON.stringify(result));`,
    ),
  },
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function measure(label: string, databaseUrl: string) {
  console.log(`\n${label} (median of ${RUNS} fresh processes; ms from process start)`);
  console.log(`${"handler".padEnd(34)} ${"imported".padStart(9)} ${"answered".padStart(9)} ${"wall".padStart(7)}`);
  for (const handler of HANDLERS) {
    const samples: { imported: number; answered: number; wall: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const out = execFileSync(process.execPath, ["--input-type=module", "-e", handler.child], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: databaseUrl, FANOUT_FUNCTION: "", TRAIN_BURST_FUNCTION: "" },
        encoding: "utf8",
      });
      // The request log (pino, asynchronous) may flush after the child's own line: take the line that is ours.
      const ours = out.trim().split("\n").find((line) => line.startsWith('{"imported"'));
      if (!ours) throw new Error(`${handler.name}: no timing line in ${JSON.stringify(out)}`);
      samples.push({ ...JSON.parse(ours), wall: performance.now() - started });
    }
    const m = (pick: (s: (typeof samples)[number]) => number) => median(samples.map(pick)).toFixed(0);
    console.log(`${handler.name.padEnd(34)} ${m((s) => s.imported).padStart(9)} ${m((s) => s.answered).padStart(9)} ${m((s) => s.wall).padStart(7)}`);
  }
}

const baseline: number[] = [];
for (let i = 0; i < RUNS; i++) {
  const started = performance.now();
  execFileSync(process.execPath, ["-e", "0"]);
  baseline.push(performance.now() - started);
}
console.log(`node -e 0 (spawn to exit): ${median(baseline).toFixed(0)} ms; bundle ${(fs.statSync(bundle).size / 1024).toFixed(0)} KiB`);

const sqliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "superpose-coldstart-"));
const sqliteUrl = `file:${path.join(sqliteDir, "bench.db")}`;
execFileSync(process.execPath, ["scripts/migrate.mjs", "deploy", "--quiet"], { cwd: root, env: { ...process.env, DATABASE_URL: sqliteUrl } });
measure("SQLite", sqliteUrl);
fs.rmSync(sqliteDir, { recursive: true, force: true });

if (process.env.BENCH_POSTGRES_URL) {
  execFileSync(process.execPath, ["scripts/migrate.mjs", "deploy", "--quiet"], { cwd: root, env: { ...process.env, DATABASE_URL: process.env.BENCH_POSTGRES_URL } });
  measure("PostgreSQL", process.env.BENCH_POSTGRES_URL);
}
