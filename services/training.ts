// Training jobs: created at once, advanced in bursts. A burst takes the job's lease (so two
// processes never run it together), restores ml/'s checkpoint, trains within its time budget and
// saves the next checkpoint before letting go. A process killed mid-burst loses only that burst:
// its lease lapses and the next burst resumes from the last saved checkpoint. When training ends
// the best parameters become a new ModelVersion, with test metrics beside the classical baseline.
import { randomUUID } from "node:crypto";
import { limits } from "../config/index.ts";
import {
  blueprintCircuit,
  blueprintQubits,
  encodeParams,
  kernelGramJob,
  startTraining as startCheckpoint,
  trainBurst,
  trainingPlan,
  withKernelSelection,
  type Blueprint,
  type Checkpoint,
  type TrainingConfig,
} from "../ml/index.ts";
import type { Db } from "./db.ts";
import { requireOwned } from "./ownership.ts";
import { checkKernelFits, gramInBlocks, kernelSelection } from "./kernel-fit.ts";
import type { Workers } from "./workers.ts";
import { noisyRunWork } from "../core/index.ts";
import type { NoiseInput } from "./circuit-input.ts";
import { noisyRun } from "./noise-input.ts";
import { datasetClasses, datasetExamples, findOwnDataset, type DatasetRecord } from "./datasets.ts";
import { InvalidInputError, JobFailure } from "./errors.ts";
import { idempotentCall, idempotently, replayed, type GivenKey } from "./idempotency.ts";
import { inTransaction, lockRow } from "./transactions.ts";
import { checkQuota } from "./quotas.ts";
import { internalFailure } from "./log.ts";
import type { Hyperparameters } from "./model-input.ts";
import { findOwnModel, modelBlueprint, type ModelRecord } from "./models.ts";
import { workUnits } from "./budget.ts";

export type TrainingJobRecord = Awaited<ReturnType<Db["trainingJob"]["findUniqueOrThrow"]>>;

/** Hyperparameters as stored on the job: every default filled in. */
export interface JobSettings {
  epochs: number;
  batchSize: number;
  learningRate: number;
  optimizer: "adam" | "sgd" | "spsa";
  gradient: "adjoint" | "parameterShift";
  shots: number;
  patience: number;
  seed: number;
  testFraction: number;
  validationFraction: number;
  /** Train for a noisy device (variational models): absent, noiseless. */
  noise?: NoiseInput;
}

const MIN_EXAMPLES = 8;

export async function startTrainingJob(db: Db, ownerId: string, modelId: string, datasetId: string, input: Hyperparameters, key: GivenKey | null = null): Promise<TrainingJobRecord> {
  const call = idempotentCall<TrainingJobRecord>(
    key,
    "startTraining",
    { modelId, datasetId, hyperparameters: input },
    (tx, id) => tx.trainingJob.findFirst({ where: { id, ownerId } }),
    (job) => job.id,
  );
  const earlier = await replayed(db, ownerId, call); // a retry: its job, even if it runs (or ended) by now
  if (earlier) return earlier;
  const model = await findOwnModel(db, ownerId, modelId);
  const dataset = await findOwnDataset(db, ownerId, datasetId);
  checkCompatible(model, dataset);
  const count = await db.example.count({ where: { datasetId } });
  if (count < MIN_EXAMPLES) throw new InvalidInputError([{ path: ["datasetId"], message: `the dataset has ${count} examples; training needs at least ${MIN_EXAMPLES}` }]);
  const settings = fillSettings(input);
  const blueprint = modelBlueprint(model);
  // Examples × epochs × circuit parameters × 2^qubits; parameter-shift (or shots) costs ~8× the adjoint method here.
  const parameters = blueprintCircuit(blueprint).parameters.length;
  const work = settings.noise
    ? noisyTrainingWork(blueprint, count, settings)
    : count * settings.epochs * parameters * 2 ** blueprintQubits(blueprint) * (settings.gradient === "parameterShift" || settings.shots > 0 ? 8 : 1);
  if (work > limits.training.maxWork) {
    throw new InvalidInputError([
      { path: ["hyperparameters"], message: `this run would need about ${work.toExponential(2)} amplitude updates; the limit is ${limits.training.maxWork.toExponential(2)}: fewer epochs, examples or qubits, or adjoint gradients` },
    ]);
  }
  checkKernelFits(blueprint, count, settings);
  checkQuota("modelVersions", await db.modelVersion.count({ where: { modelId } })); // held exactly: one running job per model
  return inTransaction(db, (tx) =>
    idempotently(tx, ownerId, call, async () => {
      // Starts of one model queue on its row; activeModelId is unique as well, so the database
      // itself refuses a second running job for the model.
      await lockRow(tx, "Model", modelId);
      if (await tx.trainingJob.count({ where: { activeModelId: modelId } })) {
        throw new InvalidInputError([{ path: ["modelId"], message: "this model is already training; wait for that job or cancel it" }]);
      }
      await tx.model.update({ where: { id: modelId }, data: { status: "TRAINING" } });
      return tx.trainingJob.create({
        // exampleCount is the snapshot: examples added to the dataset from now on are not this job's.
        data: { ownerId, modelId, activeModelId: modelId, datasetId, exampleCount: count, kind: "TRAIN", status: "QUEUED", lossHistory: [], hyperparameters: settings as object },
      });
    }),
  );
}

export async function findOwnJob(db: Db, ownerId: string, id: string): Promise<TrainingJobRecord> {
  return requireOwned(await db.trainingJob.findUnique({ where: { id } }), ownerId, "TrainingJob", id);
}

export async function cancelTrainingJob(db: Db, ownerId: string, id: string): Promise<TrainingJobRecord> {
  const job = await findOwnJob(db, ownerId, id);
  const ended = (status: string) => new InvalidInputError([{ path: ["id"], message: `the job has already ended (${status})` }]);
  if (!isRunnable(job)) throw ended(job.status);
  // A guarded transition under the model's lock: a burst finishing at the same moment either
  // committed first (then this finds the job ended) or waits and then finds it cancelled.
  const cancelled = await inTransaction(db, async (tx) => {
    await lockRow(tx, "Model", job.modelId);
    const changed = await tx.trainingJob.updateMany({ where: { id, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "CANCELLED", activeModelId: null, leaseOwner: null, leaseUntil: null } });
    if (changed.count === 1) await settleModelStatus(tx, job.modelId);
    return changed.count === 1;
  });
  const now = await db.trainingJob.findUniqueOrThrow({ where: { id } });
  if (!cancelled) throw ended(now.status);
  return now;
}

/** A model no longer training is READY if it has a version, else UNTRAINED. */
async function settleModelStatus(db: Pick<Db, "model" | "modelVersion">, modelId: string): Promise<void> {
  const versions = await db.modelVersion.count({ where: { modelId } });
  await db.model.update({ where: { id: modelId }, data: { status: versions ? "READY" : "UNTRAINED" } });
}

/**
 * Runnable jobs nobody is advancing: no live lease, and no change for limits.training.stallMs (a
 * chain of trainBurst invocations that was lost: an invocation that failed past Lambda's retries,
 * say while the database was full). Oldest first, at most `limit`.
 */
export async function stalledJobs(db: Db, now: Date, limit: number): Promise<string[]> {
  const jobs = await db.trainingJob.findMany({
    where: {
      status: { in: ["QUEUED", "RUNNING"] },
      OR: [{ leaseUntil: null }, { leaseUntil: { lt: now } }],
      updatedAt: { lt: new Date(now.getTime() - limits.training.stallMs) },
    },
    orderBy: { updatedAt: "asc" },
    take: limit,
    select: { id: true },
  });
  return jobs.map((job) => job.id);
}

export function isRunnable(job: TrainingJobRecord): boolean {
  return job.status === "QUEUED" || job.status === "RUNNING";
}

export interface BurstOptions {
  budgetMs?: number;
  /** Worker functions for work that outgrows this one (kernel Gram matrices); null: compute here. */
  workers?: Workers | null;
  /** Who runs the burst (for the lease); a fresh id per call by default. */
  worker?: string;
  now?: () => Date;
  /** Called when this call holds the job's lease, that is, when it runs the burst (not when another does). */
  onLeased?: () => void;
}

/**
 * Runs one burst of a job if nobody holds its lease; returns the job as it stands afterwards.
 * Safe to call from any number of processes at once.
 */
export async function runTrainingBurst(db: Db, jobId: string, options: BurstOptions = {}): Promise<TrainingJobRecord> {
  const now = options.now ?? (() => new Date());
  const worker = options.worker ?? randomUUID();
  const started = now();
  const leased = await db.trainingJob.updateMany({
    where: { id: jobId, status: { in: ["QUEUED", "RUNNING"] }, OR: [{ leaseUntil: null }, { leaseUntil: { lt: started } }] },
    data: { status: "RUNNING", leaseOwner: worker, leaseUntil: new Date(started.getTime() + limits.training.leaseMs), heartbeatAt: started },
  });
  const job = await db.trainingJob.findUniqueOrThrow({ where: { id: jobId } });
  if (leased.count === 0) return job;
  options.onLeased?.();
  // While the burst legitimately runs (awaiting shards, say), its lease is renewed, so nobody
  // polling the job starts the same work again; a dead process stops renewing and the lease lapses.
  const heartbeat = setInterval(() => {
    const at = now();
    void db.trainingJob
      .updateMany({ where: { id: jobId, leaseOwner: worker, status: "RUNNING" }, data: { leaseUntil: new Date(at.getTime() + limits.training.leaseMs), heartbeatAt: at } })
      .catch(() => undefined); // a missed renewal only shortens the lease
  }, limits.training.leaseMs / 3);
  heartbeat.unref();
  try {
    // A burst must end well inside its lease, or another worker could take the job over mid-burst.
    const budgetMs = Math.min(Math.max(0, options.budgetMs ?? limits.training.burstMs), limits.training.leaseMs / 2);
    return await burst(db, job, worker, budgetMs, options.workers ?? null);
  } catch (error) {
    const message = failureMessage(error, jobId);
    await inTransaction(db, async (tx) => {
      await lockRow(tx, "Model", job.modelId);
      const failed = await tx.trainingJob.updateMany({
        where: { id: jobId, leaseOwner: worker, status: { in: ["QUEUED", "RUNNING"] } },
        data: { status: "FAILED", error: message, activeModelId: null, leaseOwner: null, leaseUntil: null },
      });
      if (failed.count === 1) await settleModelStatus(tx, job.modelId);
    });
    return db.trainingJob.findUniqueOrThrow({ where: { id: jobId } });
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * What a failed job tells its owner: a JobFailure's own words; anything else (a database or
 * network fault, a bug) is logged with a reference and stored without its internals.
 */
function failureMessage(error: unknown, jobId: string): string {
  if (error instanceof JobFailure) return error.message;
  return internalFailure(error, { jobId }, "training stopped", "start the job again, and report the reference if it persists");
}

async function burst(db: Db, job: TrainingJobRecord, worker: string, budgetMs: number, workers: Workers | null): Promise<TrainingJobRecord> {
  const model = await db.model.findUniqueOrThrow({ where: { id: job.modelId } });
  const dataset = await db.dataset.findUnique({ where: { id: job.datasetId ?? "" } });
  if (!dataset) throw new JobFailure("the job's dataset was deleted");
  const settings = job.hyperparameters as unknown as JobSettings;
  const data = await datasetExamples(db, dataset, job.exampleCount);
  const savedBlueprint = modelBlueprint(model);
  // A kernel model's Gram matrix is computed a block of rows per burst (sharded over fanout
  // workers when there are any); the closed-form fit runs once every row is there, in a burst of its own.
  // A kernel with bandwidth "auto" first chooses it (and λ) on the validation split, in a burst of its own.
  const selection = await kernelSelection(db, job, worker, savedBlueprint, data, settings);
  if (selection === null) return db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
  const blueprint = selection ? withKernelSelection(savedBlueprint, selection) : savedBlueprint;
  const gramJob = kernelGramJob(blueprint, data, settings);
  const kernelGram = gramJob ? await gramInBlocks(db, job, worker, gramJob, blueprint, budgetMs, workers) : undefined;
  if (kernelGram === null) return db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
  const noise = settings.noise ? noisyRun(settings.noise, blueprintQubits(blueprint), ["hyperparameters", "noise"]) : undefined;
  const plan = planOrFail(() => trainingPlan(blueprint, data, { ...settings, kernelGram, kernelSelection: selection, noisyRun: noise }));

  let params: Float64Array;
  let checkpoint: Checkpoint | null = null;
  if (plan.objective === null) {
    params = plan.initialParams; // closed form: the fit is the training
  } else {
    const previous: Checkpoint = job.checkpoint ? (JSON.parse(Buffer.from(job.checkpoint).toString("utf8")) as Checkpoint) : startCheckpoint(plan.initialParams, trainingConfig(settings));
    checkpoint = trainBurst(plan.objective, previous, { budgetMs }).checkpoint;
    params = Float64Array.from(checkpoint.best.params);
  }
  const progress = checkpoint ? Math.min(1, (checkpoint.epoch + checkpoint.position / Math.max(1, plan.split.train.rows.length)) / settings.epochs) : 1;
  const saved = {
    checkpoint: checkpoint ? Buffer.from(JSON.stringify(checkpoint), "utf8") : null,
    step: checkpoint?.step ?? 0,
    epoch: checkpoint?.epoch ?? 0,
    lossHistory: (checkpoint?.history ?? []) as object[],
    heartbeatAt: new Date(),
    leaseOwner: null,
    leaseUntil: null,
  };
  if (checkpoint && !checkpoint.done) {
    // Only the lease holder may save, and not after a cancel.
    await db.trainingJob.updateMany({ where: { id: job.id, leaseOwner: worker, status: "RUNNING" }, data: { ...saved, progress } });
    return db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
  }
  const evaluation = plan.evaluate(params);
  // Finishing is a guarded transition under the model's lock (cancel takes the same lock), and the
  // version number is allocated there too, so numbers never collide.
  await inTransaction(db, async (tx) => {
    await lockRow(tx, "Model", model.id);
    const updated = await tx.trainingJob.updateMany({ where: { id: job.id, leaseOwner: worker, status: "RUNNING" }, data: { ...saved, progress: 1, status: "SUCCEEDED", activeModelId: null } });
    if (updated.count === 0) return; // cancelled meanwhile
    const last = await tx.modelVersion.findFirst({ where: { modelId: model.id }, orderBy: { number: "desc" } });
    await tx.modelVersion.create({
      data: {
        modelId: model.id,
        number: (last?.number ?? 0) + 1,
        spec: plan.spec as object,
        params: encodeParams(params),
        // Under noise, every metric is the noisy circuit's; the noise model is kept beside them.
        metrics: { ...evaluation, stoppedBy: checkpoint?.done ?? "closedForm", bestEpoch: checkpoint?.best.epoch ?? 0, ...(settings.noise ? { noise: settings.noise } : {}) } as object,
        seed: settings.seed,
        jobId: job.id,
      },
    });
    await tx.model.update({ where: { id: model.id }, data: { status: "READY" } });
    await tx.gramBlock.deleteMany({ where: { jobId: job.id } }); // the fit has read them
  });
  return db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
}

/** ml/ refuses data it cannot train on (too few rows after the split, ...) in words meant for the user. */
function planOrFail<T>(plan: () => T): T {
  try {
    return plan();
  } catch (error) {
    throw new JobFailure(error instanceof Error ? error.message : String(error));
  }
}

export function trainingConfig(settings: JobSettings): Partial<TrainingConfig> {
  const optimizer =
    settings.optimizer === "spsa"
      ? { kind: "spsa" as const }
      : settings.optimizer === "sgd"
        ? { kind: "sgd" as const, learningRate: settings.learningRate, momentum: 0.9 }
        : { kind: "adam" as const, learningRate: settings.learningRate };
  return {
    optimizer,
    batchSize: settings.batchSize,
    maxEpochs: settings.epochs,
    patience: settings.patience,
    gradient: settings.gradient,
    shots: settings.shots,
    seed: settings.seed,
  };
}

function fillSettings(input: Hyperparameters): JobSettings {
  return {
    epochs: input.epochs ?? 40,
    batchSize: input.batchSize ?? 16,
    learningRate: input.learningRate ?? 0.05,
    optimizer: input.optimizer ?? "adam",
    gradient: input.gradient ?? (input.shots ? "parameterShift" : "adjoint"),
    shots: input.shots ?? 0,
    patience: input.patience ?? 10,
    seed: input.seed ?? 0,
    testFraction: input.testFraction ?? 0.2,
    validationFraction: input.validationFraction ?? 0.2,
    ...(input.noise ? { noise: input.noise } : {}),
  };
}

/**
 * Training under noise, for variational models only: each example of each epoch costs a noisy
 * simulation for its loss and two per weight for its gradient (the parameter-shift rule), each by
 * the method the run asks for (AUTO: the cheaper). Checked against the same training work cap; the noise model is checked
 * against the circuit here, so a bad rule is refused before the job is queued.
 */
function noisyTrainingWork(blueprint: Blueprint, examples: number, settings: JobSettings): number {
  if (blueprint.task !== "CLASSIFICATION" && blueprint.task !== "REGRESSION") {
    throw new InvalidInputError([{ path: ["hyperparameters", "noise"], message: "training under noise is for variational classifiers and regressors" }]);
  }
  const circuit = blueprintCircuit(blueprint);
  const perRun = noisyRunWork(circuit, noisyRun(settings.noise!, circuit.numQubits, ["hyperparameters", "noise"]));
  const weights = circuit.parameters.filter((p) => p.startsWith("w")).length;
  return examples * settings.epochs * (2 * weights + 2) * perRun;
}

/** What one burst costs a request that runs it inline (see the trainingJob field): its time budget, kernel blocks included. */
export function burstWork(): number {
  return limits.training.burstMs * workUnits.perMillisecond;
}

function checkCompatible(model: ModelRecord, dataset: DatasetRecord): void {
  const b = modelBlueprint(model);
  const issues: { path: string[]; message: string }[] = [];
  const wantKind = b.task === "REGRESSION" ? "REGRESSION" : b.task === "RECOMMENDATION" ? "RATINGS" : "CLASSIFICATION";
  if (dataset.kind !== wantKind) issues.push({ path: ["datasetId"], message: `a ${b.task} model trains on a ${wantKind} dataset; this one is ${dataset.kind}` });
  const width = b.numFeatures + (b.itemFeatures ?? 0);
  if (dataset.numFeatures !== width) issues.push({ path: ["datasetId"], message: `the model takes ${width} features per example; the dataset has ${dataset.numFeatures}` });
  if (wantKind === "CLASSIFICATION" && JSON.stringify(datasetClasses(dataset)) !== JSON.stringify(b.classes)) {
    issues.push({ path: ["datasetId"], message: `the model's classes (${b.classes.join(", ")}) differ from the dataset's (${datasetClasses(dataset).join(", ")})` });
  }
  if (issues.length) throw new InvalidInputError(issues);
}
