// AWS Lambda handler `exportData`: writes one export job's file, page by page (started by the
// exportMyData mutation with an asynchronous invocation).
import { readEnv } from "../config/index.ts";
import { openExportStore, runExport } from "../services/index.ts";
import { warmDatabase } from "./lib/warm-database.ts";
import { duringInit, openDatabase } from "./lib/init-phase.ts";

await duringInit(openDatabase);

export async function handler(event: { jobId: string }): Promise<{ jobId: string; status: string; rows: number; bytes: number }> {
  const env = readEnv();
  const job = await runExport(await warmDatabase(env), event.jobId, await openExportStore(env.exports));
  return { jobId: job.id, status: job.status, rows: job.rows, bytes: job.bytes };
}
