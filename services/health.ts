// The service's own health: is the database answering, and how fast.
import type { Db, DatabaseKind } from "./db.ts";
import { logger } from "./log.ts";

export interface Health {
  status: "ok" | "degraded";
  version: string;
  databaseKind: DatabaseKind;
  databaseLatencyMs: number | null;
}

export async function checkHealth(db: Db, kind: DatabaseKind, version: string): Promise<Health> {
  const started = performance.now();
  try {
    await db.$queryRawUnsafe("SELECT 1");
    return { status: "ok", version, databaseKind: kind, databaseLatencyMs: performance.now() - started };
  } catch (error) {
    // The reason stays in the logs: health is public and a driver message can name hosts.
    logger.error({ err: error }, "health: database check failed");
    return { status: "degraded", version, databaseKind: kind, databaseLatencyMs: null };
  }
}
