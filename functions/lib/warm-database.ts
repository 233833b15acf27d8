// The database connection of a warm function: opened by the first invocation, reused by the next
// ones; a failed connection is forgotten, so the next invocation tries again.
import type { AppEnv } from "../../config/index.ts";
import { connectDatabase, type Db } from "../../services/index.ts";

const connections = new Map<string, Promise<Db>>();

export function warmDatabase(env: Pick<AppEnv, "databaseUrl" | "databasePool">): Promise<Db> {
  const url = env.databaseUrl;
  let connection = connections.get(url);
  if (!connection) {
    connection = connectDatabase(url, { pool: env.databasePool }).catch((error: unknown) => {
      connections.delete(url);
      throw error;
    });
    connections.set(url, connection);
  }
  return connection;
}
