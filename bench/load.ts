// Fan-out load test of the real handlers against PostgreSQL. N separate processes, each one warm
// "Lambda instance" running the bundled graphql handler one request at a time, hammer one database
// with the mixed workload (predict 70 %, recordFeedback 20 %, training 10 %: startTraining, then
// polls of trainingJob that each run one burst inline; a model with its 100 versions is replaced by a
// new one, with createModel). Reports throughput, p50/p99, errors and
// the peak of pg_stat_activity for the app's role, against the budget N × DATABASE_POOL_SIZE.
// Then it starves the database: the role's CONNECTION LIMIT below the demand (PostgreSQL refuses
// with the same SQLSTATE 53300 as at max_connections), and every answer must be 200 or 503 with
// Retry-After: no 500, no hang.
//
//   BENCH_POSTGRES_URL=postgresql://postgres@127.0.0.1:5432/postgres npm run bench:load
//
// The URL must be a superuser's (it creates, then drops, the database and role superpose_load).
// BENCH_INSTANCES (default 32,64), BENCH_SECONDS (15), BENCH_POOL (2), BENCH_STARVED_LIMIT (16),
// BENCH_MIX (percent of predict, feedback, training; default 70,20,10).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { connectDatabase } from "../services/index.ts";
import { runFanOut, seedFanOut } from "../test/support/fan-out.ts";
import { percentile, printTable } from "./support/timing.ts";

const adminUrl = process.env.BENCH_POSTGRES_URL;
if (!adminUrl) throw new Error("set BENCH_POSTGRES_URL to a PostgreSQL superuser URL (see the comment at the top of bench/load.ts)");
const root = path.resolve(import.meta.dirname, "..");
const instanceCounts = (process.env.BENCH_INSTANCES ?? "32,64").split(",").map(Number);
const seconds = Number(process.env.BENCH_SECONDS ?? 15);
const poolSize = Number(process.env.BENCH_POOL ?? 2);
const starvedLimit = Number(process.env.BENCH_STARVED_LIMIT ?? 16);
const mix = (process.env.BENCH_MIX ?? "70,20,10").split(",").map(Number);
const ROLE = "superpose_load";

// A database and role of our own, owned by the role, so the app runs without superuser rights.
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${ROLE} WITH (FORCE)`);
await admin.query(`DROP ROLE IF EXISTS ${ROLE}`);
await admin.query(`CREATE ROLE ${ROLE} LOGIN PASSWORD '${ROLE}'`);
await admin.query(`CREATE DATABASE ${ROLE} OWNER ${ROLE}`);
const appUrl = Object.assign(new URL(adminUrl), { username: ROLE, password: ROLE, pathname: `/${ROLE}` }).toString();
execFileSync(process.execPath, ["scripts/migrate.mjs", "deploy", "--quiet"], { cwd: root, env: { ...process.env, DATABASE_URL: appUrl }, stdio: "inherit" });

// The shared base models and, per instance, a user with a small classifier and a dataset to train it on.
const db = await connectDatabase(appUrl);
const setup = await seedFanOut(db, Math.max(...instanceCounts));
await db.$disconnect();

/**
 * CPU seconds used so far by the PostgreSQL server on this machine (Linux /proc; the server must
 * run here, as with .ci/postgres.sh): every live postgres process's own time, plus the time of its
 * ended children (the postmaster's cutime and cstime hold the backends that have exited).
 * Null where that cannot be read.
 */
function postgresCpuSeconds(): number | null {
  try {
    let ticks = 0;
    for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
      let stat: string;
      try { stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8"); } catch { continue; }
      if (!stat.includes("(postgres)")) continue;
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]); // utime, stime, cutime, cstime (fields 14–17)
    }
    return ticks / 100; // USER_HZ
  } catch {
    return null;
  }
}

const rows: string[][] = [];
const perOperation: string[][] = [];
let failed = false;
async function phase(label: string, n: number, limit: number | null): Promise<void> {
  await admin.query(`ALTER ROLE ${ROLE} CONNECTION LIMIT ${limit ?? -1}`);
  const cpu: { before: number | null; used: number | null } = { before: null, used: null };
  const around = {
    before: () => { cpu.before = postgresCpuSeconds(); },
    after: () => { const after = postgresCpuSeconds(); cpu.used = after === null || cpu.before === null ? null : after - cpu.before; },
  };
  const { samples, errorSamples, peakConnections: peak, seconds: elapsed } = await runFanOut(n, { databaseUrl: appUrl, admin, role: ROLE, setup, seconds, poolSize, mix, around });
  const served = samples.filter((s) => s[2] === 200);
  const refused = samples.filter((s) => s[2] === 503);
  const errors = samples.filter((s) => s[2] !== 200 && s[2] !== 503);
  const latencies = served.map((s) => s[1]).sort((a, b) => a - b);
  const budget = n * poolSize;
  const worst = Math.max(...samples.map((s) => s[1]));
  rows.push([
    label,
    String(n),
    (served.length / elapsed).toFixed(0),
    percentile(latencies, 0.5).toFixed(1),
    percentile(latencies, 0.99).toFixed(1),
    (worst / 1000).toFixed(2),
    String(errors.length),
    `${refused.length}${refused.some((s) => s[3] === null) ? " (no Retry-After!)" : ""}`,
    `${peak} / ${limit === null ? budget : `${limit} (limit)`}`,
    cpu.used === null || served.length === 0 ? "—" : ((cpu.used * 1000) / served.length).toFixed(2),
  ]);
  for (const op of ["predict", "feedback", "startTraining", "trainingBurst", "createModel"]) {
    const own = served.filter((s) => s[0] === op).map((s) => s[1]).sort((a, b) => a - b);
    if (own.length) perOperation.push([label, op, String(own.length), percentile(own, 0.5).toFixed(1), percentile(own, 0.99).toFixed(1)]);
  }
  for (const error of errorSamples.slice(0, 3)) console.log(`  error sample (${label}): ${JSON.stringify(error)}`);
  // The budget: never more connections than instances × pool; starved: nothing but 200 and 503 + Retry-After.
  if (errors.length > 0 || peak > (limit ?? budget) || refused.some((s) => s[3] === null)) failed = true;
}

console.log(`\n${seconds} s per run; each instance a process with the bundled graphql handler, one request at a time, DATABASE_POOL_SIZE=${poolSize}; mix ${mix.join("/")} % predict/feedback/training`);
for (const n of instanceCounts) await phase(`${n} instances`, n, null);
await phase(`${instanceCounts[0]} instances, role limit ${starvedLimit}`, instanceCounts[0]!, starvedLimit);

printTable(["run", "instances", "served/s", "p50 ms", "p99 ms", "slowest s", "errors", "503s", "peak connections / budget", "db CPU ms/req"], rows);
console.log("\nserved requests by operation");
printTable(["run", "operation", "served", "p50 ms", "p99 ms"], perOperation);

await admin.query(`DROP DATABASE IF EXISTS ${ROLE} WITH (FORCE)`);
await admin.query(`DROP ROLE IF EXISTS ${ROLE}`);
await admin.end();
if (failed) {
  console.error("\nFAILED: an error other than 503, a 503 without Retry-After, or more connections than the budget");
  process.exitCode = 1;
}
