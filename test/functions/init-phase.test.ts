// The init phase (functions/lib/init-phase.ts), in the deployed bundle run by a plain Node process
// as Lambda runs it (AWS_LAMBDA_FUNCTION_NAME set): importing the graphql handler opens the
// database before any invocation, and a database that cannot be reached does not fail the init;
// the first request then reports it as it would have anyway.
import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import readline from "node:readline";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { testDatabaseUrl } from "../support/database.ts";

const root = path.resolve(import.meta.dirname, "../..");
const bundle = pathToFileURL(path.join(root, "dist/functions/graphql.mjs")).href;
const HEALTH_EVENT = {
  rawPath: "/graphql",
  rawQueryString: "",
  headers: { host: "init.test", "content-type": "application/json" },
  body: JSON.stringify({ query: "{ health { status } }" }),
  isBase64Encoded: false,
  requestContext: { http: { method: "POST", sourceIp: "192.0.2.77" } },
};

/**
 * A Lambda-like process: imports the handler (the init phase), says so, and invokes it with a
 * health query when told to on stdin. Its lines: {"imported":true}, then {"body": …}.
 */
function lambdaInstance(databaseUrl: string, env: Record<string, string> = {}) {
  const script = `
import readline from "node:readline";
const { handler } = await import(${JSON.stringify(bundle)});
console.log(JSON.stringify({ imported: true }));
for await (const _ of readline.createInterface({ input: process.stdin })) {
  const result = await handler(${JSON.stringify(HEALTH_EVENT)});
  console.log(JSON.stringify({ body: JSON.parse(result.body) }));
  process.exit(0);
}`;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    cwd: root,
    env: { PATH: process.env.PATH, DATABASE_URL: databaseUrl, AWS_LAMBDA_FUNCTION_NAME: "superpose-test-graphql", LOG_LEVEL: "warn", DATABASE_CONNECT_TIMEOUT_MS: "2000", ...env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  // Its lines, ours and pino's (which writes asynchronously, so in no fixed order with ours).
  const lines = readline.createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const seen: Record<string, unknown>[] = [];
  const next = async (matches: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> => {
    for (let i = 0; ; i++) {
      if (i === seen.length) {
        const { value, done } = await lines.next();
        if (done) throw new Error(`the instance exited; it said ${JSON.stringify(seen)}`);
        seen.push(JSON.parse(value as string) as Record<string, unknown>);
      }
      if (matches(seen[i]!)) return seen.splice(i, 1)[0]!;
    }
  };
  return { child, next, invoke: () => child.stdin.write("go\n") };
}

describe("the init phase", () => {
  it.runIf(testDatabaseUrl().startsWith("postgres"))("opens a database connection before the first invocation", async () => {
    const name = `superpose-init-${process.pid}`;
    const url = new URL(testDatabaseUrl());
    url.searchParams.set("application_name", name);
    const instance = lambdaInstance(url.href);
    try {
      expect(await instance.next((line) => "imported" in line)).toEqual({ imported: true });
      const admin = new pg.Client({ connectionString: testDatabaseUrl() });
      await admin.connect();
      try {
        const { rows } = await admin.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1", [name]);
        expect(rows[0].n).toBe(1);
      } finally {
        await admin.end();
      }
      instance.invoke();
      expect(await instance.next((line) => "body" in line)).toEqual({ body: { data: { health: { status: "OK" } } } });
    } finally {
      instance.child.kill();
    }
  });

  it("survives a database it cannot reach, leaving the error to the first request", async () => {
    // Port 9 (discard) on loopback: nothing listens, the connection is refused at once.
    const instance = lambdaInstance("postgresql://nobody@127.0.0.1:9/nothing");
    try {
      expect(await instance.next((line) => "imported" in line)).toEqual({ imported: true });
      expect(await instance.next((line) => "msg" in line)).toMatchObject({ level: 40, msg: "init: warm-up failed; the first request will try again" });
      instance.invoke();
      // The rate limiter needs the database first: a retryable 503, as without the warm-up.
      const { body } = (await instance.next((line) => "body" in line)) as { body: { errors: { extensions: { code: string } }[] } };
      expect(body.errors.map((error) => error.extensions.code)).toEqual(["UNAVAILABLE"]);
    } finally {
      instance.child.kill();
    }
  });

  it("does not hold the init for a database that never answers", async () => {
    // A server that accepts connections and never says a word: the client waits for its greeting
    // until the connect timeout (60 s here); the init waits limits.database.initWaitMs (2 s).
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as net.AddressInfo;
    const instance = lambdaInstance(`postgresql://nobody@127.0.0.1:${port}/nothing`, { DATABASE_CONNECT_TIMEOUT_MS: "60000" });
    try {
      expect(await instance.next((line) => "imported" in line)).toEqual({ imported: true });
      expect(await instance.next((line) => "msg" in line)).toMatchObject({ level: 40, msg: "init: warm-up still running; the init ends without it", waitMs: 2000 });
    } finally {
      instance.child.kill();
      silent.close();
    }
  });
});
