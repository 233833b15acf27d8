// The worker functions through the real invoke path: the AWS SDK v3 Lambda client against
// serverless-offline's Lambda endpoint, running the bundled handlers.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { limits, readEnv } from "../../config/index.ts";
import { decodeParams, fidelityGram, kernelGramJob, loadIris, startTraining, trainingPlan, trainToEnd, withKernelSelection, type Blueprint, type KernelSelection } from "../../ml/index.ts";
import {
  createModel,
  createUser,
  importDataset,
  lambdaWorkers,
  runTrainingBurst,
  shardedGram,
  startTrainingJob,
  type Db,
  type JobSettings,
  type Workers,
} from "../../services/index.ts";
import { trainingConfig } from "../../services/training.ts";
import { connectTestDatabase } from "../support/database.ts";
import { irisCsv } from "../support/csv.ts";

let db: Db;
let workers: Workers;
beforeAll(async () => {
  db = await connectTestDatabase();
  workers = lambdaWorkers(
    readEnv({ ...process.env, FANOUT_FUNCTION: "superpose-dev-fanout", TRAIN_BURST_FUNCTION: "superpose-dev-trainBurst", LAMBDA_ENDPOINT: inject("lambdaEndpoint") }),
  )!;
});
afterAll(async () => { await db.$disconnect(); });

const iris = loadIris();
const csv = irisCsv();

/** An Iris job; kernel models get a fixed bandwidth unless asked (an automatic one adds a selection burst first). */
async function irisJob(task: "CLASSIFICATION" | "KERNEL_CLASSIFICATION", hyperparameters: Record<string, number> = {}, blueprint: { bandwidth?: number | null } = { bandwidth: 1 }) {
  const { user } = await createUser(db, { displayName: `Worker ${task}` });
  const model = await createModel(db, user.id, { name: task, task, numFeatures: 4, classes: iris.classes, ...(task === "KERNEL_CLASSIFICATION" && blueprint.bandwidth != null ? { bandwidth: blueprint.bandwidth } : {}) });
  const dataset = await importDataset(db, user.id, { name: "iris", kind: "CLASSIFICATION", numFeatures: 4, classes: iris.classes, csv });
  return { model, job: await startTrainingJob(db, user.id, model.id, dataset.id, hyperparameters) };
}

describe("a wrong local endpoint", () => {
  it("says what LAMBDA_ENDPOINT must be instead of a bare ECONNREFUSED", async () => {
    const wrong = lambdaWorkers(readEnv({ ...process.env, FANOUT_FUNCTION: "superpose-dev-fanout", TRAIN_BURST_FUNCTION: "superpose-dev-trainBurst", LAMBDA_ENDPOINT: "http://127.0.0.1:9" }))!;
    await expect(wrong.start("trainBurst", { jobId: "none" })).rejects.toThrow(
      /^cannot invoke worker superpose-dev-trainBurst at LAMBDA_ENDPOINT=http:\/\/127\.0\.0\.1:9 \(.*\): it must be serverless-offline's Lambda API, http:\/\/127\.0\.0\.1:<LAMBDA_PORT>/,
    );
  });
});

describe("fanout", () => {
  it("a Gram matrix computed across 8 fanout invocations equals the single-process one, bit for bit", async () => {
    const { model } = await irisJob("KERNEL_CLASSIFICATION");
    const job = kernelGramJob(model.blueprint as unknown as Blueprint, iris, { seed: 0, testFraction: 0.2, validationFraction: 0.2 })!;
    expect(job.rows).toHaveLength(90);
    const sharded = await shardedGram(workers, job.map, job.rows, Math.ceil(90 / 8)); // 8 shards
    expect(Array.from(sharded)).toEqual(Array.from(fidelityGram(job.map, job.rows, job.rows)));
  });

  it("a Gram matrix computed a row per burst (90 bursts) gives the same model, bit for bit", async () => {
    const { model, job } = await irisJob("KERNEL_CLASSIFICATION");
    let bursts = 0, current = job, progress = 0;
    while (current.status === "QUEUED" || current.status === "RUNNING") {
      current = await runTrainingBurst(db, job.id, { budgetMs: 0 }); // the smallest block: one row
      expect(current.progress).toBeGreaterThanOrEqual(progress);
      progress = current.progress;
      bursts++;
    }
    expect(current.status).toBe("SUCCEEDED");
    expect(bursts).toBe(90 + 1); // a burst per training row, then the fit
    const version = await db.modelVersion.findUniqueOrThrow({ where: { jobId: job.id } });
    const local = trainingPlan(model.blueprint as unknown as Blueprint, iris, job.hyperparameters as unknown as JobSettings);
    expect(Array.from(decodeParams(version.params))).toEqual(Array.from(local.initialParams));
  });

  it("an automatic bandwidth is chosen in a burst of its own, saved with the job, and the version is the local plan with that choice", async () => {
    const { model, job } = await irisJob("KERNEL_CLASSIFICATION", {}, { bandwidth: null });
    const chosen = await runTrainingBurst(db, job.id, {});
    expect(chosen).toMatchObject({ status: "RUNNING", progress: 0.05 });
    const { kernelSelection } = JSON.parse(Buffer.from(chosen.checkpoint!).toString("utf8")) as { kernelSelection: KernelSelection };
    expect(kernelSelection.grid).toHaveLength(20);
    let current = chosen;
    while (current.status === "RUNNING") current = await runTrainingBurst(db, job.id, {});
    expect(current.status).toBe("SUCCEEDED");
    const version = await db.modelVersion.findUniqueOrThrow({ where: { jobId: job.id } });
    const settings = job.hyperparameters as unknown as JobSettings;
    const local = trainingPlan(withKernelSelection(model.blueprint as unknown as Blueprint, kernelSelection), iris, { ...settings, kernelSelection });
    expect(Array.from(decodeParams(version.params))).toEqual(Array.from(local.initialParams));
    expect((version.metrics as { kernel: { bandwidth: number } }).kernel.bandwidth).toBe(kernelSelection.bandwidth);
  });

  it("kernel training shards its Gram matrix over fanout workers and gets the same model", async () => {
    const { model, job } = await irisJob("KERNEL_CLASSIFICATION");
    const gram = await runTrainingBurst(db, job.id, { workers }); // the Gram matrix: one block fits this burst
    expect(gram).toMatchObject({ status: "RUNNING", progress: 0.9 });
    const done = await runTrainingBurst(db, job.id, { workers }); // the fit, in a burst of its own
    expect(done.status).toBe("SUCCEEDED");
    expect(await db.gramBlock.count({ where: { jobId: job.id } })).toBe(0); // read, then dropped
    const version = await db.modelVersion.findUniqueOrThrow({ where: { jobId: job.id } });
    const local = trainingPlan(model.blueprint as unknown as Blueprint, iris, job.hyperparameters as unknown as JobSettings);
    expect(Array.from(decodeParams(version.params))).toEqual(Array.from(local.initialParams));
  });
});

describe("trainBurst", () => {
  it("chains itself burst after burst until the job is done, matching an uninterrupted run", async () => {
    const { model, job } = await irisJob("CLASSIFICATION", { epochs: 8, seed: 4 });
    await workers.start("trainBurst", { jobId: job.id, budgetMs: 20 });
    let current = job;
    for (let i = 0; i < 300 && (current.status === "QUEUED" || current.status === "RUNNING"); i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      current = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
    }
    expect(current.status).toBe("SUCCEEDED");
    const version = await db.modelVersion.findUniqueOrThrow({ where: { jobId: job.id } });
    const settings = job.hyperparameters as unknown as JobSettings;
    const plan = trainingPlan(model.blueprint as unknown as Blueprint, iris, settings);
    const oneRun = trainToEnd(plan.objective!, startTraining(plan.initialParams, trainingConfig(settings)));
    expect(Array.from(decodeParams(version.params))).toEqual(oneRun.best.params);
  });
});

describe("long bursts keep their lease", () => {
  it("a burst awaiting its shards renews its lease: a poller after the first lease would have lapsed starts nothing, and each shard is invoked once", { timeout: 40_000 }, async () => {
    const { job } = await irisJob("KERNEL_CLASSIFICATION"); // 90 training rows ≥ 64: the Gram matrix is sharded
    let invocations = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    // Observes (and holds back) the real invoke path; the shards still run in the fanout function.
    const counting: Workers = {
      call: async (worker, payload) => { invocations++; await gate; return workers.call(worker, payload); },
      start: (worker, payload) => workers.start(worker, payload),
    };
    const running = runTrainingBurst(db, job.id, { workers: counting, worker: "first" });
    await new Promise((resolve) => setTimeout(resolve, limits.training.leaseMs / 3 + 3_000)); // one renewal has happened, even on a loaded machine
    // A poller whose clock reads past the first lease (15 s) but inside the renewed one.
    const later = () => new Date(Date.now() + limits.training.leaseMs - limits.training.leaseMs / 3);
    const polled = await runTrainingBurst(db, job.id, { workers: counting, worker: "poller", now: later });
    expect(polled.leaseOwner).toBe("first");
    release();
    expect((await running).status).toBe("RUNNING"); // the Gram matrix is in; the fit comes next
    expect((await runTrainingBurst(db, job.id, { workers: counting })).status).toBe("SUCCEEDED");
    expect(invocations).toBe(Math.ceil(90 / limits.fanout.shardRows)); // 3 shards, each invoked once
  });
});
