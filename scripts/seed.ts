// Seeds demo data when the database is empty, and the shared base models when they are missing
// (`npm start` runs it; safe to run again).
// The demo user's API key is printed once and kept in a file of that database's own (gitignored):
// data/demo-api-key.dev.txt for the default SQLite file data/dev.db (data/demo-api-key.<file>.txt
// for others), data/demo-api-key.postgres-<database>.txt on PostgreSQL; so seeding one database
// never overwrites another's key.
import fs from "node:fs";
import path from "node:path";
import { readEnv } from "../config/index.ts";
import { connectDatabase, createUser, databaseKind, ensureBaseModels } from "../services/index.ts";

const env = readEnv();
const KEY_FILE = demoKeyFile(env.databaseUrl);
const db = await connectDatabase(env.databaseUrl, { pool: env.databasePool });
try {
  if ((await db.user.count()) > 0) {
    const hint = fs.existsSync(KEY_FILE) ? ` (the demo user's API key is in ${KEY_FILE})` : "";
    console.log(`seed: the database already has users; nothing to do${hint}`);
  } else {
    const { user, apiKey } = await createUser(db, {
      displayName: "Demo User",
      preferences: { theme: "dark", favouriteGates: ["h", "cx"] },
      features: [0.2, 0.8, 0.5, 0.1],
      consent: { personalization: true, sharedTraining: false },
    });
    fs.mkdirSync("data", { recursive: true });
    fs.writeFileSync(KEY_FILE, `${apiKey}\n`, { mode: 0o600 });
    console.log(`seed: created "${user.displayName}". Its API key (also in ${KEY_FILE}):\n  Authorization: Bearer ${apiKey}`);
  }
  // Shared base models (idempotent: only the missing ones are trained).
  const shared = await ensureBaseModels(db);
  console.log(`seed: shared base models: ${shared.map((m) => m.name).join(", ")}`);
} finally {
  await db.$disconnect();
}

function demoKeyFile(url: string): string {
  const name =
    databaseKind(url) === "sqlite"
      ? path.basename(url.replace(/^file:/, "").replace(/\?.*$/, ""), ".db")
      : `postgres-${new URL(url).pathname.slice(1) || "postgres"}`;
  return `data/demo-api-key.${name.replace(/[^\w.-]/g, "_")}.txt`;
}
