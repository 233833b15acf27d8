// The bundled graphql handler at fan-out, bounded for CI (bench/load.ts runs 32–64 instances):
// separate processes, each one warm instance serving one request at a time, on the mixed workload
// (predict, feedback, training bursts) against PostgreSQL. Within the connection budget nothing
// fails and the app's role never holds more than instances × DATABASE_POOL_SIZE connections; with
// the role's CONNECTION LIMIT below the demand (PostgreSQL refuses as at max_connections), every
// answer is a 200 or a 503 with Retry-After: no 500, no hang.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../config/index.ts";
import { connectTestDatabase, createTestRole, testDatabaseUrl, type TestRole } from "../support/database.ts";
import { runFanOut, seedFanOut, type FanOutResult, type FanOutSetup } from "../support/fan-out.ts";

const onPostgres = testDatabaseUrl().startsWith("postgres");
const INSTANCES = 6;
const POOL = 2;
const ROLE = `superpose_fanout_${process.pid}`;
let admin: pg.Client;
let setup: FanOutSetup;
let role: TestRole;

const run = () => runFanOut(INSTANCES, { databaseUrl: role.url, admin, role: ROLE, setup, seconds: 3, poolSize: POOL, mix: [70, 20, 10] });
const statuses = (result: FanOutResult) => new Set(result.samples.map((s) => s[2]));

describe.skipIf(!onPostgres)(`${INSTANCES} instance processes on PostgreSQL`, () => {
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: testDatabaseUrl() });
    await admin.connect();
    role = await createTestRole(ROLE);
    const db = await connectTestDatabase();
    setup = await seedFanOut(db, INSTANCES);
    await db.$disconnect();
  }, 60_000);
  afterAll(async () => {
    await role.drop();
    await admin.end();
  });

  it(`serves the mixed workload without an error, within ${INSTANCES} × ${POOL} connections`, async () => {
    await role.limit(-1);
    const result = await run();
    expect(result.errorSamples).toEqual([]);
    expect([...statuses(result)]).toEqual([200]);
    const served = new Set(result.samples.map((s) => s[0]));
    for (const op of ["predict", "feedback", "startTraining"]) expect(served).toContain(op);
    expect(result.peakConnections).toBeGreaterThan(0);
    expect(result.peakConnections).toBeLessThanOrEqual(INSTANCES * POOL);
  }, 90_000);

  it("with fewer connections than instances: 200s and 503s with Retry-After, nothing else, and nobody waits long", async () => {
    await role.limit(3);
    const result = await run();
    expect(result.errorSamples).toEqual([]);
    expect([...statuses(result)].sort()).toEqual([200, 503]);
    expect(result.samples.filter((s) => s[2] === 503).every((s) => s[3] === limits.database.retryAfterSeconds)).toBe(true);
    expect(result.peakConnections).toBeLessThanOrEqual(3);
    // A refusal is immediate, not the pool's 10 s wait: nothing comes near it.
    expect(Math.max(...result.samples.map((s) => s[1]))).toBeLessThan(limits.database.connectTimeoutMs);
  }, 90_000);
});
