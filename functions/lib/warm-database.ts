// The database connection of a warm function: opened by the first invocation, reused by the next
// ones; a failed connection is forgotten, so the next invocation tries again.
import { connectDatabase, type Db } from "../../services/index.ts";

const connections = new Map<string, Promise<Db>>();

export function warmDatabase(url: string): Promise<Db> {
  let connection = connections.get(url);
  if (!connection) {
    connection = connectDatabase(url).catch((error: unknown) => {
      connections.delete(url);
      throw error;
    });
    connections.set(url, connection);
  }
  return connection;
}
