// The serving path remembers a model's latest version for a moment; a model deleted in that moment
// must answer "not found", never an internal error, and be forgotten.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadIris } from "../../ml/index.ts";
import { createModel, createUser, deleteModel, importDataset, NotFoundError, predict, runTrainingBurst, startTrainingJob, unlimitedBudget, type Db } from "../../services/index.ts";
import { connectTestDatabase } from "../support/database.ts";
import { irisCsv } from "../support/csv.ts";

let db: Db;
beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => { await db.$disconnect(); });

describe("serving a model that is deleted while remembered", () => {
  it("answers NotFoundError", async () => {
    const iris = loadIris();
    const { user } = await createUser(db, { displayName: "Deleter" });
    const model = await createModel(db, user.id, { name: "gone soon", task: "CLASSIFICATION", numFeatures: 4, classes: iris.classes });
    const csv = irisCsv();
    const dataset = await importDataset(db, user.id, { name: "iris", kind: "CLASSIFICATION", numFeatures: 4, classes: iris.classes, csv });
    const job = await startTrainingJob(db, user.id, model.id, dataset.id, { epochs: 2 });
    while ((await runTrainingBurst(db, job.id)).status === "RUNNING");

    expect(await predict(db, user.id, model.id, [[5.1, 3.5, 1.4, 0.2]], {}, unlimitedBudget())).toHaveLength(1); // now remembered
    await deleteModel(db, user.id, model.id);
    await expect(predict(db, user.id, model.id, [[5.1, 3.5, 1.4, 0.2]], {}, unlimitedBudget())).rejects.toBeInstanceOf(NotFoundError);
    await expect(predict(db, user.id, model.id, [[5.1, 3.5, 1.4, 0.2]], {}, unlimitedBudget())).rejects.toBeInstanceOf(NotFoundError); // forgotten: a plain lookup now
  });
});
