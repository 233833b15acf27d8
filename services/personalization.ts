// Personalization: a user's own parameters for a recommendation model, fine-tuned from their
// feedback (with their consent), updated online by each new signal within the request, and used
// by `recommend` when they exist. Writes use optimistic concurrency: a write names the version it
// read, and a lost race re-reads and re-applies, so concurrent updates are never lost.
import { limits } from "../config/index.ts";
import { decodeParams, encodeParams, fineTune, QuantumRecommender, type RatedPair } from "../ml/index.ts";
import type { Db } from "./db.ts";
import { InvalidInputError } from "./errors.ts";
import { modelBlueprint, type ModelRecord, type OwnedModelVersion } from "./models.ts";
import { modelToServe } from "./predictions.ts";
import { userFeatures, type User } from "./users.ts";

export type UserParametersRecord = Awaited<ReturnType<Db["userParameters"]["findUniqueOrThrow"]>>;

export interface FeedbackInput {
  item: string;
  itemFeatures: number[];
  /** How much the user liked the item, in [−1, 1]. */
  signal: number;
}

export interface RankedItem {
  item: string;
  score: number;
  low: number;
  high: number;
}

export interface Recommendations {
  items: RankedItem[];
  /** True when the user's own parameters were used; false: the shared model's. */
  personalized: boolean;
  modelVersion: OwnedModelVersion;
  /** How the interval was made: SHOTS (Wilson, from sampling) or EXACT (no sampling noise). */
  intervalSource: "SHOTS" | "EXACT";
}

async function recommenderFor(db: Db, user: User, modelId: string) {
  const { record, loaded } = await modelToServe(db, user.id, modelId);
  const blueprint = modelBlueprint(record);
  if (blueprint.task !== "RECOMMENDATION") throw new InvalidInputError([{ path: ["modelId"], message: `a ${blueprint.task} model does not recommend: use predict` }]);
  const features = userFeatures(user);
  if (features.length !== blueprint.numFeatures) {
    throw new InvalidInputError([{ path: ["me", "features"], message: `this model needs your profile's features: ${blueprint.numFeatures} numbers (you have ${features.length}); set them with updateProfile` }]);
  }
  return { record, blueprint, loaded, recommender: loaded.model as QuantumRecommender, features };
}

function checkItemFeatures(itemFeatures: number[], expected: number, path: string[]): void {
  if (itemFeatures.length !== expected) throw new InvalidInputError([{ path, message: `has ${itemFeatures.length} values; this model's items have ${expected} features` }]);
}

export async function recommend(
  db: Db,
  user: User,
  modelId: string,
  request: { candidates?: { item: string; itemFeatures: number[] }[] | null; count?: number | null; shots?: number | null; seed?: number | null },
): Promise<Recommendations> {
  const { record, blueprint, loaded, recommender, features } = await recommenderFor(db, user, modelId);
  const count = request.count ?? limits.inference.maxRecommendations;
  let candidates = request.candidates ?? null;
  if (candidates) {
    candidates.forEach((c, i) => checkItemFeatures(c.itemFeatures, blueprint.itemFeatures!, ["candidates", String(i), "itemFeatures"]));
  } else {
    // Without candidates: every item anyone has given feedback on for this model, except the caller's own.
    const known = await db.interaction.findMany({ where: { modelId: record.id }, orderBy: { createdAt: "asc" }, select: { item: true, itemFeatures: true, userId: true } });
    const seen = new Set(known.filter((k) => k.userId === user.id).map((k) => k.item));
    const catalog = new Map<string, number[]>();
    for (const k of known) if (!seen.has(k.item) && !catalog.has(k.item)) catalog.set(k.item, k.itemFeatures as number[]);
    candidates = [...catalog].slice(0, limits.inference.maxCandidates).map(([item, itemFeatures]) => ({ item, itemFeatures }));
  }
  const own = await db.userParameters.findUnique({ where: { userId_modelId: { userId: user.id, modelId: record.id } } });
  const personal = own ? decodeParams(own.params) : null;
  const pairs = candidates.map((c) => ({ user: features, item: c.itemFeatures, personal }));
  const shots = request.shots ?? 0;
  const scored = shots
    ? recommender.scoresWithShots(loaded.params, pairs, shots, request.seed ?? 0)
    : Array.from(recommender.scores(loaded.params, pairs), (score) => ({ score, low: score, high: score }));
  const items = candidates
    .map((c, i) => ({ item: c.item, ...scored[i]! }))
    .sort((a, b) => b.score - a.score || (a.item < b.item ? -1 : 1))
    .slice(0, count);
  return { items, personalized: personal !== null, modelVersion: loaded.version, intervalSource: shots ? "SHOTS" : "EXACT" };
}

/** Stores a feedback signal and, with consent, nudges the user's parameters towards it (bounded: a few gradient steps). */
export async function recordFeedback(db: Db, user: User, modelId: string, input: FeedbackInput): Promise<{ updated: UserParametersRecord | null }> {
  const { record, blueprint, loaded, recommender, features } = await recommenderFor(db, user, modelId);
  checkItemFeatures(input.itemFeatures, blueprint.itemFeatures!, ["itemFeatures"]);
  await db.interaction.create({ data: { userId: user.id, modelId: record.id, item: input.item, itemFeatures: input.itemFeatures, signal: input.signal } });
  if (!user.consentPersonalization) return { updated: null };
  const pair: RatedPair = { user: features, item: input.itemFeatures, rating: input.signal };
  const updated = await updateWithRetry(db, user.id, record, (current) => onlineStep(recommender, loaded.params, current, pair));
  return { updated };
}

/** Fine-tunes the user's parameters on all their feedback for this model (consent required). */
export async function personalize(db: Db, user: User, modelId: string): Promise<UserParametersRecord> {
  if (!user.consentPersonalization) {
    throw new InvalidInputError([{ path: ["modelId"], message: "personalization needs your consent: set consent.personalization with updateProfile" }]);
  }
  const { record, loaded, recommender, features } = await recommenderFor(db, user, modelId);
  const feedback = await db.interaction.findMany({ where: { userId: user.id, modelId: record.id }, orderBy: { createdAt: "asc" }, take: 1_000 });
  if (feedback.length === 0) throw new InvalidInputError([{ path: ["modelId"], message: "you have no feedback on this model yet: recordFeedback first" }]);
  const pairs = feedback.map((f) => ({ user: features, item: f.itemFeatures as number[], rating: f.signal }));
  return updateWithRetry(db, user.id, record, () => fineTune(recommender, loaded.params, pairs, 0));
}

function onlineStep(model: QuantumRecommender, shared: Float64Array, current: Float64Array, pair: RatedPair): Float64Array {
  const objective = model.personalObjective(shared, [pair], [], 0.01);
  const params = Float64Array.from(current), gradient = new Float64Array(params.length);
  for (let s = 0; s < limits.inference.feedbackSteps; s++) {
    objective.loss(params, [0], { method: "adjoint", shots: 0, seed: 0 }, gradient);
    for (let j = 0; j < params.length; j++) params[j]! -= 0.2 * gradient[j]!;
  }
  return params;
}

/** Read, compute, write-if-unchanged; on a lost race, read again and recompute. */
async function updateWithRetry(db: Db, userId: string, model: ModelRecord, compute: (current: Float64Array) => Float64Array): Promise<UserParametersRecord> {
  const size = modelBlueprint(model).numFeatures; // one personal parameter per user feature
  for (let attempt = 0; attempt <= limits.inference.feedbackRetries; attempt++) {
    const existing = await db.userParameters.findUnique({ where: { userId_modelId: { userId, modelId: model.id } } });
    const next = encodeParams(compute(existing ? decodeParams(existing.params) : new Float64Array(size)));
    if (!existing) {
      try {
        return await db.userParameters.create({ data: { userId, modelId: model.id, params: next, version: 1 } });
      } catch (error) {
        if ((error as { code?: string }).code === "P2002") continue; // someone created it first: retry as an update
        throw error;
      }
    }
    const updatedAt = new Date();
    const written = await db.userParameters.updateMany({ where: { id: existing.id, version: existing.version }, data: { params: next, version: existing.version + 1, updatedAt } });
    // What this write stored (re-reading could already show a later concurrent write).
    if (written.count === 1) return { ...existing, params: next, version: existing.version + 1, updatedAt };
  }
  throw new Error(`personal parameters kept changing under ${limits.inference.feedbackRetries + 1} attempts; try again`);
}

/** The stored personal parameters as numbers. */
export function personalValues(record: UserParametersRecord): number[] {
  return Array.from(decodeParams(record.params));
}
