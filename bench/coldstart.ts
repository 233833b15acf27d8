// Cold start of the bundled GraphQL function: fresh `node` processes import
// dist/functions/graphql.mjs and answer one `health` query (which touches the database).
// Reports, per database, the median time from process start to the first GraphQL response.
//
//   npm run build && npm run bench:coldstart            (SQLite: ./data/dev.db)
//   BENCH_POSTGRES_URL=postgresql://... npm run bench:coldstart   (adds PostgreSQL)
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const root = path.resolve(import.meta.dirname, "..");
const bundle = path.join(root, "dist/functions/graphql.mjs");
if (!fs.existsSync(bundle)) throw new Error("dist/functions/graphql.mjs is missing: run `npm run build` first");

// The child measures from its own process start (performance.timeOrigin) to the parsed response.
const child = `
const { handler } = await import(${JSON.stringify(bundle)});
const body = JSON.stringify({ query: "{ health { status databaseKind } }" });
const event = { rawPath: "/graphql", rawQueryString: "", headers: { host: "x", "content-type": "application/json" },
  body, isBase64Encoded: false, requestContext: { http: { method: "POST" } } };
const importedAt = performance.now();
const result = await handler(event);
const answeredAt = performance.now();
const health = JSON.parse(result.body).data.health;
if (health.status !== "OK") throw new Error(result.body);
console.log(JSON.stringify({ imported: importedAt, answered: answeredAt, kind: health.databaseKind }));
process.exit(0);
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function measure(label: string, databaseUrl: string) {
  const samples: { imported: number; answered: number; wall: number }[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", child], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl },
      encoding: "utf8",
    });
    samples.push({ ...JSON.parse(out.trim().split("\n").pop()!), wall: performance.now() - started });
  }
  const row = (name: string, pick: (s: (typeof samples)[number]) => number) =>
    `${name.padEnd(36)} ${median(samples.map(pick)).toFixed(0).padStart(6)} ms`;
  console.log(`\n${label} (median of ${RUNS} fresh processes)`);
  console.log(row("bundle imported (from process start)", (s) => s.imported));
  console.log(row("first GraphQL response", (s) => s.answered));
  console.log(row("  of which handler (connect + query)", (s) => s.answered - s.imported));
  console.log(row("spawn to exit (wall, parent's view)", (s) => s.wall));
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
