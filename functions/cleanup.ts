// AWS Lambda handler `cleanup`, run on a schedule (serverless.yml): applies the retention period
// (stored predictions older than limits.prediction.retentionDays), recounts the quota counters and
// drops ended rate-limit windows. Locally: `npm run db:cleanup`.
import { readEnv } from "../config/index.ts";
import { applyRetention, logger, openExportStore } from "../services/index.ts";
import { warmDatabase } from "./lib/warm-database.ts";

export async function handler(): Promise<Awaited<ReturnType<typeof applyRetention>>> {
  const env = readEnv();
  const result = await applyRetention(await warmDatabase(env), await openExportStore(env.exports));
  logger.info(result, "cleanup");
  return result;
}
