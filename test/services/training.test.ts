// Training jobs against the real database: bursts that add up to one uninterrupted run, leases
// that keep two workers apart, and a job that survives its process dying mid-burst.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeParams, loadIris, startTraining, trainingPlan, trainToEnd, type Blueprint } from "../../ml/index.ts";
import { limits } from "../../config/index.ts";
import {
  addExamples,
  applyRetention,
  stalledJobs,
  folderExportStore,
  QuotaExceededError,
  cancelTrainingJob,
  createDataset,
  createModel,
  createUser,
  importDataset,
  InvalidInputError,
  runTrainingBurst,
  startTrainingJob,
  type Db,
  type JobSettings,
} from "../../services/index.ts";
import { kernelFitStepWork } from "../../services/kernel-fit.ts";
import { trainingConfig } from "../../services/training.ts";
import { connectTestDatabase } from "../support/database.ts";
import { irisCsv } from "../support/csv.ts";

let db: Db;
beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => { await db.$disconnect(); });

const iris = loadIris();
const csv = irisCsv();

async function setUp(epochs = 6) {
  const { user } = await createUser(db, { displayName: "Trainer" });
  const model = await createModel(db, user.id, { name: "iris", task: "CLASSIFICATION", numFeatures: 4, classes: iris.classes });
  const dataset = await importDataset(db, user.id, { name: "iris", kind: "CLASSIFICATION", numFeatures: 4, classes: iris.classes, csv });
  const job = await startTrainingJob(db, user.id, model.id, dataset.id, { epochs, batchSize: 16, seed: 3, patience: 100 });
  return { user, model, dataset, job };
}

describe("training jobs", () => {
  it("bursts of a few milliseconds add up to the same parameters as one uninterrupted run", async () => {
    const { model, job } = await setUp();
    let current = job, bursts = 0;
    while (current.status === "QUEUED" || current.status === "RUNNING") {
      current = await runTrainingBurst(db, job.id, { budgetMs: 2 });
      bursts++;
    }
    expect(current.status).toBe("SUCCEEDED");
    expect(bursts).toBeGreaterThan(3);
    expect(current.progress).toBe(1);

    const version = await db.modelVersion.findUniqueOrThrow({ where: { jobId: job.id } });
    expect(version.number).toBe(1);
    expect((await db.model.findUniqueOrThrow({ where: { id: model.id } })).status).toBe("READY");
    const metrics = version.metrics as { test: { quantum: { accuracy: number }; baseline: { accuracy: number }; baselineName: string } };
    expect(metrics.test.baselineName).toBe("logistic regression");
    expect(metrics.test.quantum.accuracy).toBeGreaterThan(0.5);

    // The same plan trained in one go, outside the database.
    const settings = job.hyperparameters as unknown as JobSettings;
    const plan = trainingPlan(model.blueprint as never, { rows: iris.rows, labels: iris.labels }, settings);
    const oneRun = trainToEnd(plan.objective!, startTraining(plan.initialParams, trainingConfig(settings)));
    expect(Array.from(decodeParams(version.params))).toEqual(oneRun.best.params);
  });

  it("a lease keeps concurrent bursts apart", async () => {
    const { job } = await setUp();
    const results = await Promise.all([runTrainingBurst(db, job.id, { budgetMs: 50, worker: "a" }), runTrainingBurst(db, job.id, { budgetMs: 50, worker: "b" })]);
    const after = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
    // One trained while the other saw the lease and returned without touching the job; or, when
    // the second came late (a loaded machine), it ran the next burst after the first: never both at once.
    const trained = results.filter((r) => r.step > 0).map((r) => r.step);
    expect(trained.length).toBeGreaterThanOrEqual(1);
    if (trained.length === 2) expect(trained[0]).not.toBe(trained[1]);
    expect(after.step).toBe(Math.max(...trained));
    expect(after.leaseOwner).toBeNull();
  });

  it("a job whose process died mid-burst resumes from its last checkpoint once the lease lapses", async () => {
    const { job } = await setUp();
    const first = await runTrainingBurst(db, job.id, { budgetMs: 5 });
    expect(first.step).toBeGreaterThan(0);
    // A second burst takes the lease and dies before saving (the process was killed).
    const t0 = Date.now();
    await db.trainingJob.update({ where: { id: job.id }, data: { leaseOwner: "killed", leaseUntil: new Date(t0 + 15_000) } });
    const blocked = await runTrainingBurst(db, job.id, { budgetMs: 5, now: () => new Date(t0 + 1_000) });
    expect(blocked.step).toBe(first.step); // still leased: nobody else may run it
    const resumed = await runTrainingBurst(db, job.id, { budgetMs: 5, now: () => new Date(t0 + 16_000) });
    expect(resumed.step).toBeGreaterThan(first.step); // continued from the saved checkpoint
    expect(resumed.leaseOwner).toBeNull();
  });
});

describe("the training work budget", () => {
  it(`accepts a run of ${limits.training.maxWork} amplitude updates and refuses a larger one, before queueing anything`, async () => {
    const { user } = await createUser(db, { displayName: "Big spender" });
    const model = await createModel(db, user.id, { name: "wide", task: "CLASSIFICATION", numFeatures: 10, classes: ["a", "b"], reduce: { kind: "none" } });
    const dataset = await createDataset(db, user.id, { name: "wide", kind: "CLASSIFICATION", numFeatures: 10, classes: ["a", "b"] });
    const count = 2048;
    await db.example.createMany({ data: Array.from({ length: count }, (_, i) => ({ datasetId: dataset.id, position: i, features: Array.from({ length: 10 }, (_, j) => i + j), label: i % 2 })) });
    // 10 inputs + RealAmplitudes(10, reps 2) = 40 symbols; 2^10 amplitudes; ×8 for parameter-shift.
    const perEpoch = count * 40 * 2 ** 10 * 8;
    const edge = Math.floor(limits.training.maxWork / perEpoch);
    const refused = await startTrainingJob(db, user.id, model.id, dataset.id, { epochs: edge + 1, gradient: "parameterShift" }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidInputError);
    expect((refused as InvalidInputError).issues[0]!.path).toEqual(["hyperparameters"]);
    expect(await db.trainingJob.count({ where: { modelId: model.id } })).toBe(0);
    const job = await startTrainingJob(db, user.id, model.id, dataset.id, { epochs: edge, gradient: "parameterShift" });
    expect(job.status).toBe("QUEUED");
  });
});

describe("snapshots and concurrency", () => {
  it("a job trains on the examples it started with: rows added meanwhile never enter its split", async () => {
    const { dataset, job } = await setUp(4);
    expect(job.exampleCount).toBe(150);
    await runTrainingBurst(db, job.id, { budgetMs: 1 });
    await addExamples(db, dataset.ownerId, dataset.id, iris.rows.slice(0, 20).map((features) => ({ features, label: iris.classes[0]! })));
    while ((await runTrainingBurst(db, job.id)).status === "RUNNING");
    const version = await db.modelVersion.findFirstOrThrow({ where: { jobId: job.id } });
    const split = (version.metrics as { split: { train: number; validation: number; test: number } }).split;
    expect(split.train + split.validation + split.test).toBe(150);
    expect(await db.example.count({ where: { datasetId: dataset.id } })).toBe(170);
  });

  it("50 concurrent addExamples at the dataset's edge: exactly the quota is written, positions dense", async () => {
    const { user } = await createUser(db, { displayName: "Filler" });
    const dataset = await createDataset(db, user.id, { name: "full", kind: "REGRESSION", numFeatures: 1 });
    const start = limits.dataset.maxExamples - 100;
    await db.example.createMany({ data: Array.from({ length: start }, (_, position) => ({ datasetId: dataset.id, position, features: [position], label: 0 })) });
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) => addExamples(db, user.id, dataset.id, Array.from({ length: 10 }, (_, j) => ({ features: [i * 10 + j], label: "1" })))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(refused.every((r) => r.reason instanceof InvalidInputError)).toBe(true);
    const positions = (await db.example.findMany({ where: { datasetId: dataset.id }, select: { position: true }, orderBy: { position: "asc" } })).map((e) => e.position);
    expect(positions).toEqual(Array.from({ length: limits.dataset.maxExamples }, (_, k) => k));
  });

  it("100 concurrent bursts of one job: one at a time takes the lease and trains", async () => {
    const { job } = await setUp(50);
    const after = await Promise.all(Array.from({ length: 100 }, (_, i) => runTrainingBurst(db, job.id, { budgetMs: 20, worker: `w${i}` })));
    const stored = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
    // Those that found the lease held returned at once; a late caller may run the next burst after the
    // first ended (a loaded machine), but bursts never overlap: each one's step follows the previous.
    const steps = [...new Set(after.map((j) => j.step).filter((s) => s > 0))].sort((a, b) => a - b);
    expect(steps.length).toBeGreaterThanOrEqual(1);
    expect(steps.at(-1)).toBe(stored.step);
    expect(stored.leaseOwner).toBeNull();
  });

  it("a failure that is not the user's to fix is stored without internals, with a log reference", async () => {
    const { job } = await setUp(4);
    await db.trainingJob.update({ where: { id: job.id }, data: { checkpoint: Buffer.from("{not json", "utf8") } });
    const failed = await runTrainingBurst(db, job.id);
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/^training stopped because of an internal error \(reference [0-9a-f]{8}\)/);
    expect(failed.error).not.toMatch(/JSON|position|Unexpected/);
  });
});

describe("the training state machine under concurrency (PostgreSQL in CI)", () => {
  it("six concurrent startTraining on one model: exactly one is accepted, the others are told it is training", async () => {
    const { user } = await createUser(db, { displayName: "Starter" });
    const model = await createModel(db, user.id, { name: "iris", task: "CLASSIFICATION", numFeatures: 4, classes: iris.classes });
    const datasets = await Promise.all(Array.from({ length: 6 }, (_, i) => importDataset(db, user.id, { name: `d${i}`, kind: "CLASSIFICATION", numFeatures: 4, classes: iris.classes, csv })));
    const results = await Promise.allSettled(datasets.map((d) => startTrainingJob(db, user.id, model.id, d.id, { epochs: 2 })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results.filter((r): r is PromiseRejectedResult => r.status === "rejected")) {
      expect(r.reason).toBeInstanceOf(InvalidInputError);
      expect((r.reason as InvalidInputError).issues[0]!.message).toContain("already training");
    }
    expect(await db.trainingJob.count({ where: { modelId: model.id } })).toBe(1);
  });

  it("cancel racing a finishing burst: a job ends either SUCCEEDED with a version or CANCELLED without one, never both", async () => {
    const outcomes = new Set<string>();
    for (let round = 0; round < 8; round++) {
      const { user, model, job } = await setUp(1);
      const [burst, cancel] = await Promise.allSettled([runTrainingBurst(db, job.id, { budgetMs: 5_000 }), cancelTrainingJob(db, user.id, job.id)]);
      expect(burst.status).toBe("fulfilled");
      const ended = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id }, include: { version: true } });
      const versions = await db.modelVersion.count({ where: { modelId: model.id } });
      if (ended.status === "CANCELLED") {
        expect(cancel.status).toBe("fulfilled");
        expect(versions).toBe(0);
        expect((await db.model.findUniqueOrThrow({ where: { id: model.id } })).status).toBe("UNTRAINED");
      } else {
        expect(ended.status).toBe("SUCCEEDED");
        expect(versions).toBe(1);
        expect(cancel.status).toBe("rejected"); // "the job has already ended (SUCCEEDED)"
      }
      expect(ended.activeModelId).toBeNull();
      outcomes.add(ended.status);
    }
    expect([...outcomes].every((s) => s === "CANCELLED" || s === "SUCCEEDED")).toBe(true);
  });

  it("versions are numbered without collisions when jobs of one model finish back to back", async () => {
    const { user, model, dataset, job } = await setUp(1);
    while ((await runTrainingBurst(db, job.id)).status === "RUNNING");
    const second = await startTrainingJob(db, user.id, model.id, dataset.id, { epochs: 1 });
    while ((await runTrainingBurst(db, second.id)).status === "RUNNING");
    expect((await db.modelVersion.findMany({ where: { modelId: model.id }, orderBy: { number: "asc" } })).map((v) => v.number)).toEqual([1, 2]);
  });
});

describe("work that must fit one burst", () => {
  it("a kernel model whose fit cannot run in one burst is refused up front, naming the rows that fit", async () => {
    const { user } = await createUser(db, { displayName: "Big kernel" });
    const model = await createModel(db, user.id, { name: "k", task: "KERNEL_CLASSIFICATION", numFeatures: 10, classes: ["a", "b"], reduce: { kind: "none" } });
    const rowsOf = async (name: string, count: number) => {
      const dataset = await createDataset(db, user.id, { name, kind: "CLASSIFICATION", numFeatures: 10, classes: ["a", "b"] });
      await db.example.createMany({ data: Array.from({ length: count }, (_, position) => ({ datasetId: dataset.id, position, features: Array.from({ length: 10 }, (_, j) => (position * (j + 1)) % 7), label: position % 2 })) });
      return dataset;
    };
    const refused = await startTrainingJob(db, user.id, model.id, (await rowsOf("wide", 5_000)).id, {}).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(InvalidInputError);
    const message = (refused as InvalidInputError).issues[0]!.message;
    expect(message).toMatch(/^a 10-qubit kernel on 3000 training rows needs about .* at most \d+ training rows fit \(\d+ examples with this split\)/);
    const [, rows, examples] = /at most (\d+) training rows fit \((\d+) examples/.exec(message)!.map(Number) as [number, number, number];
    expect(rows).toBeLessThan(limits.training.maxKernelTrainRows); // at 10 qubits, scoring 2^10 amplitudes per pair is what limits
    expect(kernelFitStepWork(model.blueprint as unknown as Blueprint, rows, (rows * 2) / 3)).toBeLessThanOrEqual(limits.training.maxKernelFitWork);
    expect(await db.trainingJob.count({ where: { modelId: model.id } })).toBe(0);
    expect((await startTrainingJob(db, user.id, model.id, (await rowsOf("fits", examples)).id, {})).status).toBe("QUEUED"); // what it names does fit
  });
});

describe("stalled jobs", () => {
  it(`a runnable job with no live lease, unchanged for ${limits.training.stallMs / 1000} s, is stalled; a fresh, leased or ended one is not`, async () => {
    const stalled = (await setUp(1)).job;
    const fresh = (await setUp(1)).job;
    const leased = (await setUp(1)).job;
    const ended = (await setUp(1)).job;
    const later = new Date(Date.now() + limits.training.stallMs + 5_000); // as the sweep would see them a minute from now
    await db.trainingJob.update({ where: { id: fresh.id }, data: { status: "RUNNING" } });
    await db.trainingJob.update({ where: { id: leased.id }, data: { status: "RUNNING", leaseOwner: "alive", leaseUntil: new Date(later.getTime() + 10_000) } });
    await db.trainingJob.update({ where: { id: ended.id }, data: { status: "SUCCEEDED", activeModelId: null } });
    const found = await stalledJobs(db, later, 10_000);
    expect(found).toContain(stalled.id);
    expect(found).toContain(fresh.id); // unchanged for a minute by then, too
    expect(found).not.toContain(leased.id);
    expect(found).not.toContain(ended.id);
    // Now, nothing of these is stalled yet: they all changed within the minute.
    expect(await stalledJobs(db, new Date(), 10_000)).not.toContain(stalled.id);
  });

  it("onLeased tells the caller that ran the burst from one that found the job leased", async () => {
    const { job } = await setUp(1);
    await db.trainingJob.update({ where: { id: job.id }, data: { leaseOwner: "other", leaseUntil: new Date(Date.now() + 60_000) } });
    let ran = false;
    await runTrainingBurst(db, job.id, { onLeased: () => (ran = true) });
    expect(ran).toBe(false);
    await db.trainingJob.update({ where: { id: job.id }, data: { leaseOwner: null, leaseUntil: null } });
    await runTrainingBurst(db, job.id, { onLeased: () => (ran = true) });
    expect(ran).toBe(true);
  });
});

describe("what grows", () => {
  it(`a model keeps at most ${limits.training.maxVersionsPerModel} versions: the next training is refused with a QuotaError`, async () => {
    const { user, model, dataset, job } = await setUp(1);
    while ((await runTrainingBurst(db, job.id)).status === "RUNNING");
    const version = await db.modelVersion.findFirstOrThrow({ where: { modelId: model.id } });
    const { id: _id, jobId: _job, number: _n, createdAt: _c, ...row } = version;
    await db.modelVersion.createMany({ data: Array.from({ length: limits.training.maxVersionsPerModel - 1 }, (_, i) => ({ ...row, spec: row.spec as object, metrics: row.metrics as object, number: i + 2 })) });
    const refused = await startTrainingJob(db, user.id, model.id, dataset.id, { epochs: 1 }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(QuotaExceededError);
    expect(refused).toMatchObject({ quota: "modelVersions", used: limits.training.maxVersionsPerModel });
  });

  it(`the cleanup deletes ended jobs after ${limits.training.endedJobsKeepDays} days and keeps their versions`, async () => {
    const { model, job } = await setUp(1);
    while ((await runTrainingBurst(db, job.id)).status === "RUNNING");
    const old = new Date(Date.now() - (limits.training.endedJobsKeepDays + 1) * 86_400_000);
    await db.trainingJob.update({ where: { id: job.id }, data: { updatedAt: old } });
    const result = await applyRetention(db, folderExportStore(fs.mkdtempSync(path.join(os.tmpdir(), "superpose-cleanup-"))));
    expect(result.deletedTrainingJobs).toBeGreaterThanOrEqual(1);
    expect(await db.trainingJob.findUnique({ where: { id: job.id } })).toBeNull();
    expect(await db.modelVersion.count({ where: { modelId: model.id } })).toBe(1);
  });
});
