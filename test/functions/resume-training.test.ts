// Lost trainBurst chains, in the cloud's configuration (the worker driver, invocations through
// serverless-offline's Lambda API): an invocation that finds its job leased stops instead of
// chaining (so a second chain dies out), a resumed chain trains a stalled job to the end, and the
// resumeTraining sweep does nothing with the inline driver.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadIris } from "../../ml/index.ts";
import { createModel, createUser, importDataset, startTrainingJob, type Db } from "../../services/index.ts";
import { irisCsv } from "../support/csv.ts";
import { connectTestDatabase, testDatabaseUrl } from "../support/database.ts";

let db: Db;
let trainBurst: typeof import("../../functions/train-burst.ts").handler;
let resumeTraining: typeof import("../../functions/resume-training.ts").handler;
const iris = loadIris();

beforeAll(async () => {
  Object.assign(process.env, {
    DATABASE_URL: testDatabaseUrl(),
    LOG_LEVEL: "silent",
    FANOUT_FUNCTION: "superpose-dev-fanout",
    TRAIN_BURST_FUNCTION: "superpose-dev-trainBurst",
    LAMBDA_ENDPOINT: inject("lambdaEndpoint"),
  });
  db = await connectTestDatabase();
  ({ handler: trainBurst } = await import("../../functions/train-burst.ts"));
  ({ handler: resumeTraining } = await import("../../functions/resume-training.ts"));
});
afterAll(async () => { await db.$disconnect(); });

async function job() {
  const { user } = await createUser(db, { displayName: "Resumer" });
  const model = await createModel(db, user.id, { name: "iris", task: "CLASSIFICATION", numFeatures: 4, classes: iris.classes });
  const dataset = await importDataset(db, user.id, { name: "iris", kind: "CLASSIFICATION", numFeatures: 4, classes: iris.classes, csv: irisCsv() });
  return startTrainingJob(db, user.id, model.id, dataset.id, { epochs: 4, seed: 2 });
}

const read = (id: string) => db.trainingJob.findUniqueOrThrow({ where: { id } });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("lost trainBurst chains", () => {
  it("an invocation that finds the job leased by another runs nothing and does not chain", async () => {
    const { id } = await job();
    await db.trainingJob.update({ where: { id }, data: { status: "RUNNING", leaseOwner: "another chain", leaseUntil: new Date(Date.now() + 60_000) } });
    const answer = await trainBurst({ jobId: id, budgetMs: 20 });
    expect(answer).toMatchObject({ status: "RUNNING", step: 0 });
    // Free the job: a chain started by that invocation would now advance it. None does.
    await db.trainingJob.update({ where: { id }, data: { leaseOwner: null, leaseUntil: null } });
    await sleep(2_000);
    expect((await read(id)).step).toBe(0);
  });

  it("a chain started on a stalled job trains it to the end", async () => {
    const { id } = await job();
    await db.trainingJob.update({ where: { id }, data: { status: "RUNNING" } });
    await trainBurst({ jobId: id, budgetMs: 50 }); // what resumeTraining starts for each stalled job
    let current = await read(id);
    for (let i = 0; i < 300 && (current.status === "QUEUED" || current.status === "RUNNING"); i++) {
      await sleep(50);
      current = await read(id);
    }
    expect(current.status).toBe("SUCCEEDED");
  });

  it("resumeTraining does nothing with the inline driver (local runs: reads drive training)", async () => {
    expect(process.env.TRAINING_DRIVER ?? "inline").toBe("inline");
    expect(await resumeTraining()).toEqual({ resumed: [] });
  });
});
