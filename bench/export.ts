// The export at scale: a user with 100,000 stored predictions (explanations included, ~800 B each)
// exported page by page into a folder, beside the single JSON value the API answered before (one
// query with every relation, stringified). Prints time, bytes and the process's peak RSS for each,
// in separate processes so one's heap does not flatter the other. SQLite in a throwaway folder.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { connectDatabase, createUser, ensureBaseModels, folderExportStore, runExport, startExport } from "../services/index.ts";

const ROWS = Number(process.env.BENCH_PREDICTIONS ?? 100_000);
const root = path.resolve(import.meta.dirname, "..");

if (process.argv[2] === "measure") {
  // One measurement in this process: `paged` or `oneValue`, against the database prepared below.
  const [, , , how, url, userId, dir] = process.argv as string[];
  const db = await connectDatabase(url!);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 5);
  const before = process.memoryUsage().rss;
  const started = performance.now();
  const oneValue = async () => {
    const everything = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { circuits: true, models: true, datasets: { include: { examples: true } }, interactions: true, trainingJobs: true, predictions: true, parameters: true } });
    return Buffer.byteLength(JSON.stringify(everything));
  };
  const bytes = how === "paged" ? (await runExport(db, (await startExport(db, userId!)).id, folderExportStore(dir!))).bytes : await oneValue();
  const ms = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(JSON.stringify({ how, ms, bytes, before, peak }));
  await db.$disconnect();
  process.exit(0);
}

const temp = fs.mkdtempSync(path.join(os.tmpdir(), "superpose-export-bench-"));
const url = `file:${path.join(temp, "bench.db")}`;
execFileSync(process.execPath, ["scripts/migrate.mjs", "reset", "--quiet"], { cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: "inherit" });
const db = await connectDatabase(url);
const version = (await db.modelVersion.findFirstOrThrow({ where: { modelId: (await ensureBaseModels(db)).find((m) => m.task === "CLASSIFICATION")!.id } })).id;
const { user } = await createUser(db, { displayName: "Heavy user" });
const output = { label: "virginica", value: 0.93, probabilities: [{ label: "setosa", probability: 0.01 }, { label: "versicolor", probability: 0.06 }, { label: "virginica", probability: 0.93 }], interval: { low: 0.93, high: 0.93, source: "EXACT" }, explanation: { method: "integratedGradients", value: 0.93, baseline: [5.8, 3.0, 3.9, 1.2], baselineValue: 0.2, attributions: [0.01, -0.02, 0.4, 0.34], completenessGap: 1e-4, outOfRange: [false, false, false, false], gapTolerance: 0.0365, reliable: true } };
for (let done = 0; done < ROWS; done += 5_000) {
  await db.prediction.createMany({ data: Array.from({ length: Math.min(5_000, ROWS - done) }, (_, i) => ({ userId: user.id, modelVersionId: version, input: { features: [6.7, 3.0, 5.2, (done + i) % 3], shots: 0, explain: true }, output, bytes: 800, latencyMs: 0.1 })) });
}
await db.$disconnect();

const measure = (how: string) => {
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(root, "bench/export.ts"), "measure", how, url, user.id, path.join(temp, "exports")], { cwd: root, encoding: "utf8", env: { ...process.env, LOG_LEVEL: "silent" } });
  if (run.status !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as { ms: number; bytes: number; before: number; peak: number };
};
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
console.log(`\nexporting ${ROWS.toLocaleString("en")} stored predictions (SQLite, one process each)\n`);
console.log("how                                     time      bytes   RSS before   peak RSS   growth");
for (const [how, label] of [["paged", "export job, pages of 1,000 (now)"], ["oneValue", "one JSON value (before)"]] as const) {
  const r = measure(how);
  console.log(`${label.padEnd(38)} ${`${(r.ms / 1000).toFixed(1)} s`.padStart(6)} ${mib(r.bytes).padStart(10)} ${mib(r.before).padStart(12)} ${mib(r.peak).padStart(10)} ${mib(r.peak - r.before).padStart(8)}`);
}
fs.rmSync(temp, { recursive: true, force: true });
