// Reads the environment once, with documented defaults (README, "Environment variables").
import packageJson from "../package.json" with { type: "json" };

export const DEFAULT_DATABASE_URL = "file:./data/dev.db";

export interface AppEnv {
  /** file:... (SQLite) or postgresql://... (PostgreSQL). */
  databaseUrl: string;
  /** Deployment stage (dev, prod, ...); "dev" unless STAGE says otherwise. */
  stage: string;
  /** Superpose's version, reported by the `health` query. */
  version: string;
  /**
   * Who runs training bursts: "inline" (reading a runnable job runs one burst first; the local
   * default) or "worker" (a worker function does; reads never train).
   */
  trainingDriver: "inline" | "worker";
}

export function readEnv(env: NodeJS.ProcessEnv = process.env): AppEnv {
  return {
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    stage: env.STAGE || "dev",
    version: packageJson.version,
    trainingDriver: env.TRAINING_DRIVER === "worker" ? "worker" : "inline",
  };
}
