// Runs once per `npm test`: a fresh database (SQLite temp file, or the PostgreSQL database named
// by TEST_POSTGRES_URL, which is reset), fresh bundles, and serverless-offline serving them.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";
import { startLocalEdge } from "../../scripts/lib/local-edge.mjs";
import { startOfflineServer } from "./offline-server.ts";

const root = path.resolve(import.meta.dirname, "../..");

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    graphqlUrl: string;
    /** The Studio and the API on one origin, as `npm start` serves them (the local edge). */
    studioUrl: string;
    /** serverless-offline's Lambda invoke endpoint (for the AWS SDK). */
    lambdaEndpoint: string;
    /** Where the server writes exports. */
    exportDir: string;
  }
}

export default async function setup(project: TestProject) {
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "superpose-test-"));
  const databaseUrl = process.env.TEST_POSTGRES_URL || `file:${path.join(tempDir, "test.db")}`;
  // The shared server serves every test file from one address: rate limits far above what the
  // suite sends (test/api/rate-limits.test.ts tests the limits on servers of its own).
  const env = { ...process.env, DATABASE_URL: databaseUrl, RATE_LIMIT_PER_KEY: "1000000", RATE_LIMIT_PER_IP: "1000000", RATE_LIMIT_SIGNUPS_PER_HOUR: "1000000", EXPORT_DIR: path.join(tempDir, "exports"), LOG_LEVEL: process.env.LOG_LEVEL ?? "warn" };

  execFileSync(process.execPath, ["scripts/migrate.mjs", "reset", "--quiet"], { cwd: root, env, stdio: "inherit" });
  execFileSync(process.execPath, ["scripts/bundle.mjs"], { cwd: root, env, stdio: "ignore" });
  execFileSync(process.execPath, ["scripts/build-web.mjs", "--quiet"], { cwd: root, env, stdio: "inherit" });
  const server = await startOfflineServer({ root, env });
  const edge = await startLocalEdge({ host: "127.0.0.1", port: 0, webRoot: path.join(root, "dist/web"), api: new URL(server.graphqlUrl).origin });
  const studioUrl = `http://127.0.0.1:${(edge.address() as AddressInfo).port}/`;
  console.log(`test database: ${databaseUrl.replace(/\/\/[^@]*@/, "//***@")}; API: ${server.graphqlUrl} (pid ${server.pid})`);

  project.provide("databaseUrl", databaseUrl);
  project.provide("graphqlUrl", server.graphqlUrl);
  project.provide("studioUrl", studioUrl);
  project.provide("lambdaEndpoint", server.lambdaEndpoint);
  project.provide("exportDir", path.join(tempDir, "exports"));

  return async () => {
    edge.closeAllConnections();
    await new Promise((resolve) => edge.close(resolve));
    await server.stop();
    fs.rmSync(tempDir, { recursive: true, force: true });
  };
}
