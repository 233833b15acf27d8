// `npm run db:cleanup`: the scheduled cleanup, run by hand against DATABASE_URL (retention of
// stored predictions, quota counters recounted, ended rate-limit windows dropped).
import { readEnv } from "../config/index.ts";
import { applyRetention, connectDatabase } from "../services/index.ts";

const db = await connectDatabase(readEnv().databaseUrl);
try {
  console.log(JSON.stringify(await applyRetention(db)));
} finally {
  await db.$disconnect();
}
