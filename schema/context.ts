// The per-request context every resolver sees: the database, and who is calling (if anyone).
import type { Db, DatabaseKind, User, Workers } from "../services/index.ts";

export interface Context {
  db: Db;
  databaseKind: DatabaseKind;
  version: string;
  /** Whether reads of runnable training jobs advance them (see config/env.ts). */
  trainingDriver: "inline" | "worker";
  /** Our worker functions (trainBurst, fanout), or null where there are none. */
  workers: Workers | null;
  /** The authenticated user, or null for anonymous requests (no Authorization header). */
  viewer: User | null;
}
