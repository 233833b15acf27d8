// The per-request context every resolver sees: the database, and who is calling (if anyone).
import type { AppEnv } from "../config/index.ts";
import type { Db, DatabaseKind, RateLimiters, RequestBudget, User, Workers } from "../services/index.ts";

/** What the transport hands the server with each request (the Lambda adapter, or a test). */
export interface ServerContext {
  /** The caller's IP address as the API gateway saw it (never a client-set header). */
  sourceIp?: string;
}

export interface Context {
  request: Request;
  db: Db;
  databaseKind: DatabaseKind;
  version: string;
  /** Whether reads of runnable training jobs advance them (see config/env.ts). */
  trainingDriver: "inline" | "worker";
  /** Our worker functions (trainBurst, fanout), or null where there are none. */
  workers: Workers | null;
  /** The authenticated user, or null for anonymous requests (no Authorization header). */
  viewer: User | null;
  /** The id of the API key the request came with (rate limits count per key). */
  apiKeyId: string | null;
  /** The caller's IP address (rate limits for anonymous calls and sign-ups). */
  sourceIp: string;
  rateLimiters: RateLimiters;
  /** Where exports are written and how their download URLs are signed; `publicUrl` is resolved per request. */
  exports: AppEnv["exports"] & { publicUrl: string };
  /** This request's work budget, shared by all its resolvers (limits.request.maxWork). */
  budget: RequestBudget;
}
