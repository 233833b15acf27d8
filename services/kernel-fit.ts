// Kernel models in training: whether a kernel fit can run at all (its closed-form step must fit
// one burst), and its Gram matrix computed a block of rows per burst, each block sized to the
// burst's budget and saved under the job's lease, so no burst outgrows its budget or its lease.
import { limits } from "../config/index.ts";
import {
  blueprintCircuit,
  blueprintQubits,
  decodeParams,
  encodeParams,
  fidelityGram,
  kernelSelectionWork,
  KERNEL_BANDWIDTHS,
  selectKernelFor,
  usesFidelityKernel,
  type Blueprint,
  type KernelFeatureMap,
  type KernelSelection,
  type Labeled,
  type PlanOptions,
} from "../ml/index.ts";
import { workUnits } from "./budget.ts";
import type { Db } from "./db.ts";
import { InvalidInputError } from "./errors.ts";
import { shardedGram } from "./fanout.ts";
import { inTransaction } from "./transactions.ts";
import type { JobSettings, TrainingJobRecord } from "./training.ts";
import type { Workers } from "./workers.ts";

/**
 * A kernel model's Gram matrix is computed in blocks, a burst each, but its closed-form fit (a
 * Cholesky solve, rows³/3) runs in one burst: at most maxKernelTrainRows training rows keep that
 * step inside a burst, and all of it within the training work cap. Refused up front, naming what fits.
 */
export function checkKernelFits(blueprint: Blueprint, examples: number, settings: JobSettings): void {
  if (!usesFidelityKernel(blueprint.task)) return;
  const trainShare = 1 - settings.testFraction - settings.validationFraction;
  const evaluatedPerTrainingRow = (settings.testFraction + settings.validationFraction) / trainShare;
  const stepWork = (rows: number) => (blueprint.task === "ANOMALY_DETECTION" ? anomalyFitWork(blueprint, rows, rows * evaluatedPerTrainingRow) : kernelFitStepWork(blueprint, rows, rows * evaluatedPerTrainingRow));
  const fitsIn = (rows: number) => rows <= limits.training.maxKernelTrainRows && kernelFitWork(blueprint, rows) <= limits.training.maxWork && stepWork(rows) <= limits.training.maxKernelFitWork;
  const trainRows = Math.round(examples * trainShare);
  const work = kernelFitWork(blueprint, trainRows);
  if (fitsIn(trainRows)) return;
  let fits = Math.min(trainRows, limits.training.maxKernelTrainRows);
  while (fits > 1 && !fitsIn(fits)) fits = Math.floor(fits * 0.97);
  throw new InvalidInputError([
    {
      path: ["datasetId"],
      message:
        `a ${blueprintQubits(blueprint)}-qubit kernel on ${trainRows} training rows needs about ${work.toExponential(2)} amplitude updates and a ${trainRows}-row solve; ` +
        `at most ${fits} training rows fit (${Math.floor(fits / trainShare + 1e-9)} examples with this split): use fewer examples or qubits, or a variational model`,
    },
  ]);
}

/** Work units per amplitude of a complex inner product between two states (as measured). */
const INNER_PRODUCT_UNITS = 4;

/** A kernel's sizes: amplitudes per state, and the work of preparing one state. */
function kernelCosts(blueprint: Blueprint): { amplitudes: number; stateWork: number } {
  const amplitudes = 2 ** blueprintQubits(blueprint);
  return { amplitudes, stateWork: Math.max(1, blueprintCircuit(blueprint).operations.length) * amplitudes };
}

/** A kernel fit's work: one state per training row, and an inner product per pair of rows. */
export function kernelFitWork(blueprint: Blueprint, trainRows: number): number {
  const { amplitudes, stateWork } = kernelCosts(blueprint);
  return trainRows * stateWork + trainRows * trainRows * amplitudes;
}

/**
 * The closed-form fit's own burst: the Cholesky solve (rows³/3) and the scoring of the validation
 * and test rows against every training row (a complex inner product each).
 */
export function kernelFitStepWork(blueprint: Blueprint, trainRows: number, evaluatedRows: number): number {
  return trainRows ** 3 / 3 + INNER_PRODUCT_UNITS * evaluatedRows * trainRows * kernelCosts(blueprint).amplitudes;
}

/**
 * An anomaly detector's fit, one burst: for each bandwidth tried, a state per training and
 * evaluated row and an inner product per (evaluated, training) pair; then the test rows once more.
 */
export function anomalyFitWork(blueprint: Blueprint, trainRows: number, evaluatedRows: number): number {
  const { amplitudes, stateWork } = kernelCosts(blueprint);
  const tries = blueprint.bandwidth === "auto" ? KERNEL_BANDWIDTHS.length + 1 : 2;
  return tries * ((trainRows + evaluatedRows) * stateWork + INNER_PRODUCT_UNITS * trainRows * evaluatedRows * amplitudes);
}

/**
 * The next block of Gram rows that fits this burst's budget, computed and saved (then null: the
 * fit comes in a later burst), or, once every row is saved, the whole matrix. Every block holds
 * full rows, and a slice of rows gives the same numbers as the whole matrix's rows, so the result
 * is the same, bit for bit, however it was split into bursts and shards.
 */
export async function gramInBlocks(
  db: Db,
  job: TrainingJobRecord,
  worker: string,
  gramJob: { map: KernelFeatureMap; rows: number[][] },
  blueprint: Blueprint,
  budgetMs: number,
  workers: Workers | null,
): Promise<Float64Array | null> {
  const n = gramJob.rows.length;
  const blocks = await db.gramBlock.findMany({ where: { jobId: job.id }, orderBy: { firstRow: "asc" } });
  const done = blocks.reduce((sum, block) => sum + block.rows, 0);
  if (done >= n) {
    const gram = new Float64Array(n * n);
    for (const block of blocks) gram.set(decodeParams(block.values), block.firstRow * n);
    return gram;
  }
  const { amplitudes, stateWork } = kernelCosts(blueprint);
  const sharded = workers !== null && n >= limits.fanout.minRows;
  // Each burst prepares every column's state, then an inner product per (row, column); shards run side by side.
  const budget = budgetMs * workUnits.perMillisecond * (sharded ? limits.fanout.concurrency : 1) - n * stateWork;
  const count = Math.min(n - done, Math.max(1, Math.floor(budget / (INNER_PRODUCT_UNITS * n * amplitudes + stateWork))));
  const rows = gramJob.rows.slice(done, done + count);
  const values = sharded ? await shardedGram(workers!, gramJob.map, rows, limits.fanout.shardRows, gramJob.rows) : fidelityGram(gramJob.map, rows, gramJob.rows);
  // Saved only while the lease is ours: a cancelled or taken-over job writes nothing.
  await inTransaction(db, async (tx) => {
    const ours = await tx.trainingJob.updateMany({
      where: { id: job.id, leaseOwner: worker, status: "RUNNING" },
      data: { progress: (0.9 * (done + count)) / n, heartbeatAt: new Date(), leaseOwner: null, leaseUntil: null },
    });
    if (ours.count === 1) await tx.gramBlock.create({ data: { jobId: job.id, firstRow: done, rows: count, values: encodeParams(values) } });
  });
  return null;
}

/**
 * A kernel blueprint with bandwidth "auto" needs its bandwidth and λ chosen before its Gram matrix:
 * the job's saved choice, or (in this burst, saved under the lease) a new one, after which this
 * burst ends (null). Other blueprints have nothing to choose (undefined).
 */
export async function kernelSelection(db: Db, job: TrainingJobRecord, worker: string, blueprint: Blueprint, data: Labeled, settings: PlanOptions): Promise<KernelSelection | null | undefined> {
  if (blueprint.task !== "KERNEL_CLASSIFICATION" || blueprint.bandwidth !== "auto") return undefined;
  const saved = job.checkpoint ? (JSON.parse(Buffer.from(job.checkpoint).toString("utf8")) as { kernelSelection?: KernelSelection }) : {};
  if (saved.kernelSelection) return saved.kernelSelection;
  const selection = selectKernelFor(blueprint, data, settings, kernelTuningRows(blueprint))!;
  await db.trainingJob.updateMany({
    where: { id: job.id, leaseOwner: worker, status: "RUNNING" },
    data: { checkpoint: Buffer.from(JSON.stringify({ kernelSelection: selection }), "utf8"), progress: 0.05, heartbeatAt: new Date(), leaseOwner: null, leaseUntil: null },
  });
  return null;
}

/** Training rows the bandwidth grid may fit on: as many as kernelTuningWork allows, at most kernelTuningRows (validation rows as many). */
function kernelTuningRows(blueprint: Blueprint): number {
  const { amplitudes, stateWork } = kernelCosts(blueprint);
  let rows: number = limits.training.kernelTuningRows;
  while (rows > 8 && kernelSelectionWork(stateWork, amplitudes, rows, rows) > limits.training.kernelTuningWork) rows = Math.floor(rows * 0.9);
  return rows;
}
