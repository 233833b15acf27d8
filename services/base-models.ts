// Shared base models: owned by nobody, readable and usable by every user. Seeding creates them
// once, trained with fixed seeds on public or synthetic data (no user's data), so a fresh install
// can predict and recommend at once.
import {
  encodeParams,
  generatePreferences,
  loadIris,
  startTraining,
  trainingPlan,
  trainToEnd,
  type Labeled,
} from "../ml/index.ts";
import type { Db } from "./db.ts";
import { toBlueprint, type CreateModelInput } from "./model-input.ts";
import type { ModelRecord } from "./models.ts";
import { trainingConfig, type JobSettings } from "./training.ts";

interface BaseModel {
  /** A fixed id: concurrent seeds cannot create a model twice (the second insert conflicts). */
  id: string;
  input: CreateModelInput;
  data: () => Labeled;
  settings: JobSettings;
}

const settings = (overrides: Partial<JobSettings>): JobSettings => ({
  epochs: 40, batchSize: 16, learningRate: 0.1, optimizer: "adam", gradient: "adjoint", shots: 0, patience: 10,
  seed: 1, testFraction: 0.3, validationFraction: 0.2, ...overrides,
});

export const BASE_MODELS: BaseModel[] = [
  {
    id: "base-iris-classifier",
    input: { name: "Iris classifier (base)", task: "CLASSIFICATION", numFeatures: 4, classes: ["setosa", "versicolor", "virginica"] },
    data: () => loadIris(),
    settings: settings({}),
  },
  {
    id: "base-taste-recommender",
    input: { name: "Taste recommender (base)", task: "RECOMMENDATION", numFeatures: 4, itemFeatures: 4 },
    data: () => {
      const prefs = generatePreferences({ users: 20, items: 40, ratingsPerUser: 16, seed: 7 });
      return { rows: prefs.ratings.map((r) => [...prefs.userFeatures[r.user]!, ...prefs.itemFeatures[r.item]!]), labels: prefs.ratings.map((r) => r.rating) };
    },
    settings: settings({ epochs: 12, batchSize: 32, learningRate: 0.05, patience: 4 }),
  },
];

/** Creates and trains any base model that does not exist yet; returns the shared models. Safe to run concurrently. */
export async function ensureBaseModels(db: Db): Promise<ModelRecord[]> {
  for (const base of BASE_MODELS) {
    if (await db.model.findUnique({ where: { id: base.id } })) continue;
    const blueprint = toBlueprint(base.input);
    const plan = trainingPlan(blueprint, base.data(), base.settings);
    const run = plan.objective ? trainToEnd(plan.objective, startTraining(plan.initialParams, trainingConfig(base.settings))) : null;
    const params = run ? Float64Array.from(run.best.params) : plan.initialParams;
    await db.model.create({
      data: {
        id: base.id,
        ownerId: null,
        name: base.input.name,
        task: blueprint.task,
        blueprint: blueprint as object,
        status: "READY",
        versions: {
          create: { number: 1, spec: plan.spec as object, params: encodeParams(params), metrics: { ...plan.evaluate(params), stoppedBy: run?.done ?? "closedForm" } as object, seed: base.settings.seed },
        },
      },
    }).catch((error: unknown) => {
      if ((error as { code?: string }).code !== "P2002") throw error; // another process created it first
    });
  }
  return db.model.findMany({ where: { ownerId: null }, orderBy: { createdAt: "asc" } });
}
