// AWS Lambda handler `trainBurst`: advances one training job by one bounded burst (under the
// job's lease, checkpointed) and, while the job is still running, re-invokes itself
// asynchronously for the next burst. A lost invocation is harmless: the lease lapses, and within
// about a minute resumeTraining starts a new chain (a read does, with the inline driver), which
// resumes from the checkpoint.
import { readEnv } from "../config/index.ts";
import { isRunnable, lambdaWorkers, runTrainingBurst } from "../services/index.ts";
import { warmDatabase } from "./lib/warm-database.ts";
import { duringInit, openDatabase } from "./lib/init-phase.ts";
import { startEngineThreads } from "../services/engine-threads.ts";

export interface TrainBurstEvent {
  jobId: string;
  /** Re-invoke for the next burst while the job runs (default true). */
  chain?: boolean;
  budgetMs?: number;
}

await duringInit(openDatabase);
// Big states (2^17 amplitudes and more) split their kernels among the vCPUs this function's memory buys.
startEngineThreads();

export async function handler(event: TrainBurstEvent): Promise<{ jobId: string; status: string; step: number; progress: number }> {
  const env = readEnv();
  const db = await warmDatabase(env);
  const workers = lambdaWorkers(env);
  const existing = await db.trainingJob.findUnique({ where: { id: event.jobId }, select: { id: true } });
  if (!existing) return { jobId: event.jobId, status: "NOT_FOUND", step: 0, progress: 0 }; // deleted meanwhile: stop the chain
  let ran = false;
  const job = await runTrainingBurst(db, event.jobId, { budgetMs: event.budgetMs, workers, onLeased: () => (ran = true) });
  // Only an invocation that ran a burst continues the chain: one that found the job leased (a
  // second chain, say a resumed one racing the first) stops, so duplicate chains die out.
  if (event.chain !== false && ran && isRunnable(job) && workers) await workers.start("trainBurst", { ...event, chain: true });
  return { jobId: job.id, status: job.status, step: job.step, progress: job.progress };
}
