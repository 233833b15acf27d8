// Training jobs: `startTraining` answers at once with a queued job; bursts advance it. Locally
// (TRAINING_DRIVER=inline, the default) reading a runnable job runs one burst first, so polling
// `trainingJob(id)` drives training; in the cloud a worker function runs the bursts instead.
import {
  cancelTrainingJob,
  findOwnJob,
  hyperparametersSchema,
  isRunnable,
  NotFoundError,
  runTrainingBurst,
  burstWork,
  startTrainingJob,
  type TrainingJobRecord,
} from "../services/index.ts";
import { limits } from "../config/index.ts";
import { builder } from "./builder.ts";
import { NoiseInput } from "./simulation.ts";
import { givenKey, IDEMPOTENCY_KEY_DESCRIPTION } from "./idempotency.ts";
import { visibleWhen } from "./visibility.ts";
import { DatasetRef } from "./dataset.ts";
import { ModelRef, ModelVersionRef } from "./model.ts";
import { UserRef } from "./user.ts";

const { training } = limits;

const JobStatusEnum = builder.enumType("TrainingJobStatus", {
  values: { QUEUED: {}, RUNNING: {}, SUCCEEDED: {}, FAILED: {}, CANCELLED: {} } as const,
});
const OptimizerEnum = builder.enumType("Optimizer", { values: { adam: {}, sgd: { description: "With momentum 0.9." }, spsa: {} } as const });
const GradientEnum = builder.enumType("GradientMethod", {
  values: { adjoint: { description: "Exact, ~4 forward passes whatever the parameter count." }, parameterShift: { description: "Works with shots." } } as const,
});

const EpochRef = builder.objectRef<{ epoch: number; trainLoss: number; validationLoss: number | null }>("EpochLoss").implement({
  fields: (t) => ({
    epoch: t.exposeInt("epoch"),
    trainLoss: t.exposeFloat("trainLoss"),
    validationLoss: t.exposeFloat("validationLoss", { nullable: true }),
  }),
});

export const TrainingJobRef = builder.prismaNode("TrainingJob", {
  id: { field: "id" },
  description: "A training run, advanced in checkpointed bursts.",
  authScopes: visibleWhen("TrainingJob", (job: { ownerId: string }, context) => job.ownerId === context.viewer?.id),
  fields: (t) => ({
    kind: t.exposeString("kind"),
    status: t.field({ type: JobStatusEnum, resolve: (j) => j.status as "QUEUED" }),
    progress: t.exposeFloat("progress", { description: "0–1: epochs done over the epoch budget (early stopping ends sooner)." }),
    step: t.exposeInt("step"),
    epoch: t.exposeInt("epoch"),
    lossHistory: t.field({ type: [EpochRef], resolve: (j) => j.lossHistory as { epoch: number; trainLoss: number; validationLoss: number | null }[] }),
    hyperparameters: t.field({ type: "JSONObject", resolve: (j) => j.hyperparameters as Record<string, unknown> }),
    error: t.exposeString("error", { nullable: true }),
    model: t.relation("model"),
    dataset: t.relation("dataset", { nullable: true }),
    version: t.relation("version", { nullable: true, description: "The version this job produced, once it succeeded." }),
    metrics: t.field({
      type: "JSONObject",
      nullable: true,
      description: "The produced version's metrics: the model beside its classical baseline.",
      select: { version: { select: { metrics: true } } },
      resolve: (j) => (j.version?.metrics as Record<string, unknown> | undefined) ?? null,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});
void [ModelRef, ModelVersionRef, DatasetRef];

builder.prismaObjectField(UserRef, "trainingJobs", (t) =>
  t.relatedConnection("trainingJobs", { cursor: "id", query: { orderBy: [{ createdAt: "desc" }, { id: "desc" }] }, totalCount: true }),
);

const HyperparametersInput = builder.inputType("HyperparametersInput", {
  validate: hyperparametersSchema,
  fields: (t) => ({
    epochs: t.int({ description: `1–${training.maxEpochs} (default 40).` }),
    batchSize: t.int({ description: `1–${training.maxBatchSize} (default 16).` }),
    learningRate: t.float({ description: "(0, 1] (default 0.05)." }),
    optimizer: t.field({ type: OptimizerEnum }),
    gradient: t.field({ type: GradientEnum }),
    shots: t.int({ description: `0–${training.maxShots}; > 0 trains on shot estimates with parameter-shift gradients.` }),
    patience: t.int({ description: `Early stopping after this many epochs without validation improvement, 1–${training.maxPatience} (default 10).` }),
    seed: t.int(),
    testFraction: t.float({ description: "0.1–0.5 (default 0.2)." }),
    validationFraction: t.float({ description: "0–0.5 (default 0.2)." }),
    noise: t.field({
      type: NoiseInput,
      description:
        "Variational models: train for a noisy device. Every loss, gradient (parameter-shift on the noisy values) and metric is computed under this model; " +
        "each noisy simulation counts against the training work cap (about (2·weights + 2) simulations per example per epoch).",
    }),
  }),
});

const JobPayload = builder.objectRef<{ job: TrainingJobRecord }>("TrainingJobPayload").implement({
  fields: (t) => ({ job: t.field({ type: TrainingJobRef, resolve: (p) => p.job }) }),
});

builder.mutationField("startTraining", (t) =>
  t.field({
    type: JobPayload,
    description: "Queues a training job for one of your models on one of your datasets; answers at once.",
    authScopes: { user: true },
    args: {
      modelId: t.arg.globalID({ required: true, for: ModelRef }),
      datasetId: t.arg.globalID({ required: true, for: DatasetRef }),
      hyperparameters: t.arg({ type: HyperparametersInput }),
      idempotencyKey: t.arg.string({ description: IDEMPOTENCY_KEY_DESCRIPTION }),
    },
    errors: { types: [NotFoundError], directResult: true },
    resolve: async (_root, args, context, info) => {
      const key = givenKey(args.idempotencyKey, ["idempotencyKey"], context, info);
      const job = await startTrainingJob(context.db, context.viewer!.id, args.modelId.id, args.datasetId.id, args.hyperparameters ?? {}, key);
      // In the cloud a trainBurst worker chain runs the job; locally reads advance it (inline driver).
      // A job nobody has picked up yet (new, or a retry's whose first invocation was lost) gets one.
      if (context.trainingDriver === "worker" && context.workers && job.status === "QUEUED" && job.leaseUntil === null) {
        await context.workers.start("trainBurst", { jobId: job.id });
      }
      return { job };
    },
  }),
);

builder.mutationField("cancelTraining", (t) =>
  t.field({
    type: JobPayload,
    authScopes: { user: true },
    args: { id: t.arg.globalID({ required: true, for: TrainingJobRef }) },
    errors: { types: [NotFoundError], directResult: true },
    resolve: async (_root, { id }, context) => ({ job: await cancelTrainingJob(context.db, context.viewer!.id, id.id) }),
  }),
);

builder.queryField("trainingJob", (t) =>
  t.field({
    type: TrainingJobRef,
    description:
      `One of your jobs. With the inline driver (local default), a runnable job first advances by one burst (≤ ${training.burstMs} ms) ` +
      "when the request's work budget still has room for it (so aliases of this field advance it once, not once each).",
    authScopes: { user: true },
    args: { id: t.arg.globalID({ required: true, for: TrainingJobRef }) },
    errors: { types: [NotFoundError], directResult: true },
    resolve: async (_root, { id }, context) => {
      const job = await findOwnJob(context.db, context.viewer!.id, id.id);
      if (context.trainingDriver !== "inline" || !isRunnable(job)) return job;
      return context.budget.tryCharge(burstWork()) ? runTrainingBurst(context.db, job.id, { workers: context.workers }) : job;
    },
  }),
);
