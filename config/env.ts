// Reads the environment once, with documented defaults (README, "Environment variables").
import packageJson from "../package.json" with { type: "json" };
import { limits } from "./limits.ts";

export const DEFAULT_DATABASE_URL = "file:./data/dev.db";

export interface AppEnv {
  /** file:... (SQLite) or postgresql://... (PostgreSQL). */
  databaseUrl: string;
  /** PostgreSQL connections of this process (DATABASE_POOL_*; see limits.database and README "Capacity"). */
  databasePool: DatabasePool;
  /** Deployment stage (dev, prod, ...); "dev" unless STAGE says otherwise. */
  stage: string;
  /** Superpose's version, reported by the `health` query. */
  version: string;
  /**
   * Who runs training bursts: "inline" (reading a runnable job runs one burst first; the local
   * default) or "worker" (a worker function does; reads never train).
   */
  trainingDriver: "inline" | "worker";
  /**
   * Worker functions this deployment can invoke (serverless.yml sets their names); null when there
   * are none (e.g. a plain in-process test): work then runs in the calling process.
   */
  workers: {
    fanout: string;
    trainBurst: string;
    exportData: string;
    region: string;
    /** serverless-offline's Lambda endpoint locally; unset in AWS. */
    endpoint: string | null;
  } | null;
  /** Rate limits (limits.rateLimit unless RATE_LIMIT_* says otherwise). */
  rateLimits: {
    perKey: number;
    perAnonymousIp: number;
    signUpsPerIpPerHour: number;
    windowSeconds: number;
  };
  /** pino's level for the request log: info (default), warn, error or silent. */
  logLevel: string;
  /**
   * Where GraphiQL's scripts come from: "bundled" (served inline by us, works with no internet;
   * ~9 MB, so only off Lambda, whose responses stop at 6 MB) or "cdn" (a small page that loads them
   * from unpkg.com: deployed non-prod stages). Off Lambda unless GRAPHIQL_ASSETS says otherwise.
   */
  graphiqlAssets: "bundled" | "cdn";
  /**
   * Exports: the folder files are written to (or the S3 bucket, when set), the secret that signs
   * our own download URLs, and the public base URL of those (null: the request's own).
   */
  exports: { directory: string; bucket: string | null; region: string; signingSecret: string; publicUrl: string | null };
}

export interface DatabasePool {
  /** Most connections this process opens at once; a query waits for a free one up to connectTimeoutMs. */
  max: number;
  /** An idle connection is closed after this long (a warm Lambda holds none between bursts of traffic). */
  idleTimeoutMs: number;
  /** Longest wait for a connection (a free pool slot, or the server's answer) before a 503 + Retry-After. */
  connectTimeoutMs: number;
}

/** Signs download URLs outside production when EXPORT_SIGNING_SECRET is unset; production refuses to start without one. */
const DEV_SIGNING_SECRET = "superpose-dev-only-export-signing-secret";

export function readEnv(env: NodeJS.ProcessEnv = process.env): AppEnv {
  return {
    databaseUrl: env.DATABASE_URL || DEFAULT_DATABASE_URL,
    databasePool: {
      max: positiveInt(env.DATABASE_POOL_SIZE, limits.database.poolSize),
      idleTimeoutMs: positiveInt(env.DATABASE_IDLE_TIMEOUT_MS, limits.database.idleTimeoutMs),
      connectTimeoutMs: positiveInt(env.DATABASE_CONNECT_TIMEOUT_MS, limits.database.connectTimeoutMs),
    },
    stage: env.STAGE || "dev",
    version: packageJson.version,
    trainingDriver: env.TRAINING_DRIVER === "worker" ? "worker" : "inline",
    workers:
      env.FANOUT_FUNCTION && env.TRAIN_BURST_FUNCTION
        ? { fanout: env.FANOUT_FUNCTION, trainBurst: env.TRAIN_BURST_FUNCTION, exportData: env.EXPORT_DATA_FUNCTION || "superpose-dev-exportData", region: env.AWS_REGION || "eu-west-1", endpoint: env.LAMBDA_ENDPOINT || null }
        : null,
    rateLimits: {
      perKey: positiveInt(env.RATE_LIMIT_PER_KEY, limits.rateLimit.perKey),
      perAnonymousIp: positiveInt(env.RATE_LIMIT_PER_IP, limits.rateLimit.perAnonymousIp),
      signUpsPerIpPerHour: positiveInt(env.RATE_LIMIT_SIGNUPS_PER_HOUR, limits.rateLimit.signUpsPerIpPerHour),
      windowSeconds: positiveInt(env.RATE_LIMIT_WINDOW_SECONDS, limits.rateLimit.windowSeconds),
    },
    logLevel: env.LOG_LEVEL || "info",
    graphiqlAssets: graphiqlAssets(env),
    exports: {
      directory: env.EXPORT_DIR || "data/exports",
      bucket: env.EXPORT_BUCKET || null,
      region: env.AWS_REGION || "eu-west-1",
      signingSecret: signingSecret(env),
      publicUrl: env.PUBLIC_URL || null,
    },
  };
}

function graphiqlAssets(env: NodeJS.ProcessEnv): "bundled" | "cdn" {
  if (env.GRAPHIQL_ASSETS === "bundled" || env.GRAPHIQL_ASSETS === "cdn") return env.GRAPHIQL_ASSETS;
  const inLambda = Boolean(env.AWS_LAMBDA_FUNCTION_NAME) && env.IS_OFFLINE !== "true"; // serverless-offline sets IS_OFFLINE
  return inLambda ? "cdn" : "bundled";
}

function signingSecret(env: NodeJS.ProcessEnv): string {
  if (env.EXPORT_SIGNING_SECRET) return env.EXPORT_SIGNING_SECRET;
  if (env.STAGE === "prod") throw new Error("EXPORT_SIGNING_SECRET must be set in production (it signs export download URLs)");
  return DEV_SIGNING_SECRET;
}

/** A positive whole number from the environment, or the default when unset; anything else is a deployment error. */
function positiveInt(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`expected a positive whole number, got "${value}"`);
  return parsed;
}
