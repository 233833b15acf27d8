// `health`: version, database kind and whether the database answers. Public, no key needed.
import { checkHealth, type Health } from "../services/index.ts";
import { builder } from "./builder.ts";

const DatabaseKindEnum = builder.enumType("DatabaseKind", {
  values: {
    SQLITE: { value: "sqlite", description: "Embedded SQLite (the zero-setup default)." },
    POSTGRESQL: { value: "postgres", description: "PostgreSQL (production and CI)." },
  } as const,
});

const HealthStatusEnum = builder.enumType("HealthStatus", {
  values: { OK: { value: "ok" }, DEGRADED: { value: "degraded", description: "The database did not answer." } } as const,
});

const HealthRef = builder.objectRef<Health>("Health").implement({
  fields: (t) => ({
    status: t.field({ type: HealthStatusEnum, resolve: (h) => h.status }),
    version: t.exposeString("version"),
    databaseKind: t.field({ type: DatabaseKindEnum, resolve: (h) => h.databaseKind }),
    databaseLatencyMs: t.exposeFloat("databaseLatencyMs", { nullable: true, description: "Round trip of `SELECT 1`." }),
  }),
});

builder.queryField("health", (t) =>
  t.field({
    type: HealthRef,
    description: "Is the API up, which version is it, and is its database answering?",
    resolve: (_root, _args, context) => checkHealth(context.db, context.databaseKind, context.version),
  }),
);
