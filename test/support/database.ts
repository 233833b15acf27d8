// A real database connection for service tests: the one the global setup migrated.
import { inject } from "vitest";
import { connectDatabase, type Db } from "../../services/index.ts";

export function testDatabaseUrl(): string {
  return inject("databaseUrl");
}

export async function connectTestDatabase(): Promise<Db> {
  return connectDatabase(testDatabaseUrl());
}
