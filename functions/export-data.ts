// AWS Lambda handler `exportData`: writes one export job's file, page by page (started by the
// exportMyData mutation with an asynchronous invocation).
import { readEnv } from "../config/index.ts";
import { connectDatabase, openExportStore, runExport, type Db } from "../services/index.ts";

let db: Promise<Db> | undefined;

export async function handler(event: { jobId: string }): Promise<{ jobId: string; status: string; rows: number; bytes: number }> {
  const env = readEnv();
  db ??= connectDatabase(env.databaseUrl).catch((error: unknown) => {
    db = undefined;
    throw error;
  });
  const job = await runExport(await db, event.jobId, await openExportStore(env.exports));
  return { jobId: job.id, status: job.status, rows: job.rows, bytes: job.bytes };
}
