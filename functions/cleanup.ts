// AWS Lambda handler `cleanup`, run on a schedule (serverless.yml): applies the retention period
// (stored predictions older than limits.prediction.retentionDays), recounts the quota counters and
// drops ended rate-limit windows. Locally: `npm run db:cleanup`.
import { readEnv } from "../config/index.ts";
import { applyRetention, connectDatabase, logger, openExportStore, type Db } from "../services/index.ts";

let db: Promise<Db> | undefined;

export async function handler(): Promise<Awaited<ReturnType<typeof applyRetention>>> {
  const env = readEnv();
  db ??= connectDatabase(env.databaseUrl).catch((error: unknown) => {
    db = undefined;
    throw error;
  });
  const result = await applyRetention(await db, await openExportStore(env.exports));
  logger.info(result, "cleanup");
  return result;
}
