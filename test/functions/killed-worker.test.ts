// A trainBurst worker process killed mid-burst (SIGKILL: no cleanup, no saving) loses only that
// burst: once its lease lapses, training resumes from the last checkpoint with no step lost or
// repeated, and ends with the same parameters as an uninterrupted run.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../config/index.ts";
import { decodeParams, loadIris, startTraining, trainingPlan, trainToEnd, type Blueprint } from "../../ml/index.ts";
import { createModel, createUser, importDataset, runTrainingBurst, startTrainingJob, type Db, type JobSettings } from "../../services/index.ts";
import { trainingConfig } from "../../services/training.ts";
import { connectTestDatabase, testDatabaseUrl } from "../support/database.ts";
import { irisCsv } from "../support/csv.ts";

const root = path.resolve(import.meta.dirname, "../..");
let db: Db;
beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => { await db.$disconnect(); });

const iris = loadIris();
const csv = irisCsv();

/** A worker process running the bundled trainBurst handler over and over, as Lambda would. */
function startWorker(jobId: string) {
  const script = `
    const { handler } = await import(${JSON.stringify(path.join(root, "dist/functions/train-burst.mjs"))});
    for (;;) {
      const result = await handler({ jobId: ${JSON.stringify(jobId)}, chain: false, budgetMs: 150 });
      if (result.status !== "RUNNING" && result.status !== "QUEUED") break;
    }`;
  return spawn(process.execPath, ["--input-type=module", "-e", script], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(), FANOUT_FUNCTION: "", TRAIN_BURST_FUNCTION: "" },
    stdio: "ignore",
  });
}

describe("a worker killed mid-burst", () => {
  it("resumes from the checkpoint with no lost or repeated steps", async () => {
    const { user } = await createUser(db, { displayName: "Unlucky" });
    const model = await createModel(db, user.id, { name: "iris", task: "CLASSIFICATION", numFeatures: 4, classes: iris.classes });
    const dataset = await importDataset(db, user.id, { name: "iris", kind: "CLASSIFICATION", numFeatures: 4, classes: iris.classes, csv });
    const job = await startTrainingJob(db, user.id, model.id, dataset.id, { epochs: 200, seed: 6, patience: 100 });

    const worker = startWorker(job.id);
    // Wait until a checkpoint is saved and the worker holds the lease again: it is inside a burst.
    let seen = job;
    for (let i = 0; i < 400 && !(seen.step > 0 && seen.leaseOwner); i++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      seen = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
    }
    worker.kill("SIGKILL");
    await new Promise((resolve) => worker.once("exit", resolve));
    const atDeath = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(atDeath.status).toBe("RUNNING");
    expect(atDeath.step).toBeGreaterThan(0);

    // Nobody can take over while the dead worker's lease holds (it almost always died holding one);
    // once the lease lapses, bursts resume from the last checkpoint.
    if (atDeath.leaseOwner) expect((await runTrainingBurst(db, job.id)).step).toBe(atDeath.step);
    const afterLease = () => new Date(Date.now() + limits.training.leaseMs + 1_000);
    let current = atDeath;
    while (current.status === "RUNNING") current = await runTrainingBurst(db, job.id, { now: afterLease });
    expect(current.status).toBe("SUCCEEDED");

    const settings = job.hyperparameters as unknown as JobSettings;
    const plan = trainingPlan(model.blueprint as unknown as Blueprint, iris, settings);
    const oneRun = trainToEnd(plan.objective!, startTraining(plan.initialParams, trainingConfig(settings)));
    expect(current.step).toBe(oneRun.step); // nothing lost, nothing done twice
    const version = await db.modelVersion.findUniqueOrThrow({ where: { jobId: job.id } });
    expect(Array.from(decodeParams(version.params))).toEqual(oneRun.best.params);
  });
});
