// What the screens read of a model: its summary (the typed client's ModelSummary fragment) and
// the parts of its blueprint (a JSON object in the schema) that shape forms: feature counts, classes.
import type { models, ResultOf } from "../client/index.ts";

export type ModelSummary = ResultOf<typeof models.ModelSummary>;

export interface Blueprint {
  numFeatures: number;
  itemFeatures: number | null;
  classes: string[];
}

export function blueprintOf(model: ModelSummary): Blueprint {
  const blueprint = model.blueprint as Partial<Blueprint>;
  return { numFeatures: blueprint.numFeatures ?? 0, itemFeatures: blueprint.itemFeatures ?? null, classes: blueprint.classes ?? [] };
}

/** Features per example of the model's datasets: a recommender's rows hold the user's, then the item's. */
export function exampleWidth(model: ModelSummary): number {
  const { numFeatures, itemFeatures } = blueprintOf(model);
  return numFeatures + (model.task === "RECOMMENDATION" ? (itemFeatures ?? 0) : 0);
}
