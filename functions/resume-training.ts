// AWS Lambda handler `resumeTraining`, every minute (serverless.yml): restarts the trainBurst chain
// of every training job that has stalled (runnable, no live lease, unchanged for
// limits.training.stallMs), since with the worker driver nothing else would ever advance it again.
// With the inline driver (local) reads drive training, and this does nothing.
import { limits, readEnv } from "../config/index.ts";
import { lambdaWorkers, logger, stalledJobs } from "../services/index.ts";
import { warmDatabase } from "./lib/warm-database.ts";

export async function handler(): Promise<{ resumed: string[] }> {
  const env = readEnv();
  const workers = lambdaWorkers(env);
  if (env.trainingDriver !== "worker" || !workers) return { resumed: [] };
  const jobs = await stalledJobs(await warmDatabase(env), new Date(), limits.training.resumeBatch);
  // A restarted chain that finds its job leased after all stops at once (functions/train-burst.ts).
  for (const jobId of jobs) await workers.start("trainBurst", { jobId });
  if (jobs.length) logger.warn({ jobs }, "resumed stalled training jobs");
  return { resumed: jobs };
}
