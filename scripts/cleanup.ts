// `npm run db:cleanup`: the scheduled cleanup, run by hand against DATABASE_URL (retention of
// stored predictions, quota counters recounted, ended rate-limit windows dropped).
import { readEnv } from "../config/index.ts";
import { applyRetention, connectDatabase, openExportStore } from "../services/index.ts";

const env = readEnv();
const db = await connectDatabase(env.databaseUrl, { pool: env.databasePool });
try {
  console.log(JSON.stringify(await applyRetention(db, await openExportStore(env.exports))));
} finally {
  await db.$disconnect();
}
