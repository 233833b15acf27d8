// The per-request context every resolver sees: the database, and who is calling (if anyone).
import type { Db, DatabaseKind, User } from "../services/index.ts";

export interface Context {
  db: Db;
  databaseKind: DatabaseKind;
  version: string;
  /** The authenticated user, or null for anonymous requests (no Authorization header). */
  viewer: User | null;
}
