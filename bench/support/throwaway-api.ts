// The public GraphQL API in-process on a throwaway SQLite database: what a benchmark drives when
// it must go through the same path a user's requests take (yoga → resolvers → services → ml),
// without a server or the user's own data. Rate limits are lifted; nothing else is.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { readEnv } from "../../config/index.ts";
import { createGraphqlServer } from "../../schema/server.ts";
import { connectDatabase } from "../../services/index.ts";

export interface ThrowawayApi {
  /** One GraphQL operation; throws on a transport error or top-level errors. */
  request<T>(query: string, variables?: Record<string, unknown>, apiKey?: string): Promise<T>;
  /** A new user's API key. */
  signUp(displayName: string): Promise<string>;
  close(): Promise<void>;
}

export async function throwawayApi(): Promise<ThrowawayApi> {
  const root = path.resolve(import.meta.dirname, "../..");
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), "superpose-bench-"));
  const env = { ...process.env, DATABASE_URL: `file:${path.join(temp, "bench.db")}`, RATE_LIMIT_PER_KEY: "100000000", RATE_LIMIT_PER_IP: "100000000", LOG_LEVEL: "warn" };
  execFileSync(process.execPath, ["scripts/migrate.mjs", "reset", "--quiet"], { cwd: root, env, stdio: "inherit" });
  const db = await connectDatabase(env.DATABASE_URL);
  const yoga = createGraphqlServer(db, readEnv(env));
  const request = async <T,>(query: string, variables?: Record<string, unknown>, apiKey?: string): Promise<T> => {
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/graphql-response+json" };
    if (apiKey) headers.authorization = `Bearer ${apiKey}`;
    const response = await yoga.fetch(new Request("http://localhost/graphql", { method: "POST", headers, body: JSON.stringify({ query, variables }) }));
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    if (body.errors?.length || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors ?? body)}`);
    return body.data;
  };
  return {
    request,
    signUp: async (displayName) =>
      (await request<{ createUser: { apiKey: string } }>(`mutation ($n: String!) { createUser(input: { displayName: $n }) { ... on CreateUserPayload { apiKey } } }`, { n: displayName })).createUser.apiKey,
    close: async () => {
      await db.$disconnect();
      fs.rmSync(temp, { recursive: true, force: true });
    },
  };
}
