// Personalization: a user's own parameters for a recommendation model, fine-tuned from their
// feedback (with their consent), updated online by each new signal within the request, and used
// by `recommend` when they exist. A feedback signal and the update it causes are one transaction
// that holds the parameters' row lock, so concurrent feedback queues and no update is lost.
// Catalogues built from other users' feedback read only users who consented to shared training.
import { limits } from "../config/index.ts";
import { decodeParams, encodeParams, fineTune, QuantumRecommender, type RatedPair } from "../ml/index.ts";
import type { RequestBudget } from "./budget.ts";
import type { Db } from "./db.ts";
import { InvalidInputError } from "./errors.ts";
import { modelBlueprint, type ModelRecord, type OwnedModelVersion } from "./models.ts";
import { circuitWork, modelToServe } from "./predictions.ts";
import { idempotentCall, idempotently, replayed, type GivenKey } from "./idempotency.ts";
import { inTransaction, lockRow, type Tx } from "./transactions.ts";
import { recountStoredRows, reserveFeedback } from "./prediction-storage.ts";
import { userFeatures, type User } from "./users.ts";

/** Newest feedback rows a catalogue is built from (consenting users'), and of the caller's own to leave out. */
const CATALOGUE_SCAN = 5_000;
/** fineTune's epochs, and an adjoint step's cost in forward passes (see ml/experiments/personalization.ts). */
const FINE_TUNE_EPOCHS = 40;
const ADJOINT_PASSES = 4;

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
  /** Why there is nothing to rank, and what to do about it; null when there are items. */
  hint: string | null;
}

/** Why a recommendation has no items: no candidates were given, and the catalogue has none for the caller. */
const EMPTY_CATALOGUE =
  "Nothing to rank: no candidates were given, and the catalogue is empty for you. It holds the items that other users who allow " +
  "shared training (consent.sharedTraining) gave feedback on with this model, minus those you rated yourself. Pass candidates to rank your own items.";

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
  request: { candidates?: { item: string; itemFeatures: number[] }[] | null; count?: number | null; shots?: number | null; seed?: number | null; personal?: boolean | null },
  budget: RequestBudget,
): Promise<Recommendations> {
  const { record, blueprint, loaded, recommender, features } = await recommenderFor(db, user, modelId);
  const count = request.count ?? limits.inference.maxRecommendations;
  let candidates = request.candidates ?? null;
  if (candidates) {
    candidates.forEach((c, i) => checkItemFeatures(c.itemFeatures, blueprint.itemFeatures!, ["candidates", String(i), "itemFeatures"]));
  } else {
    candidates = await catalogue(db, user.id, record.id, blueprint.itemFeatures!);
  }
  budget.charge(candidates.length * circuitWork(recommender) * (request.shots ? 2 : 1), `ranking ${candidates.length} items`, ["recommend"]);
  const own = request.personal === false ? null : await db.userParameters.findUnique({ where: { userId_modelId: { userId: user.id, modelId: record.id } } });
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
  const hint = items.length > 0 ? null : request.candidates ? "Nothing to rank: candidates was empty." : EMPTY_CATALOGUE;
  return { items, personalized: personal !== null, modelVersion: loaded.version, intervalSource: shots ? "SHOTS" : "EXACT", hint };
}

/**
 * The items to rank when the caller names none: the newest distinct items that *other* users who
 * consented to shared training gave feedback on, minus those the caller already rated; bounded
 * reads (CATALOGUE_SCAN rows each) and at most maxCandidates items.
 */
async function catalogue(db: Db, userId: string, modelId: string, width: number): Promise<{ item: string; itemFeatures: number[] }[]> {
  const [shared, own] = await Promise.all([
    db.interaction.findMany({
      where: { modelId, userId: { not: userId }, user: { consentSharedTraining: true } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: CATALOGUE_SCAN,
      select: { item: true, itemFeatures: true },
    }),
    db.interaction.findMany({ where: { modelId, userId }, orderBy: { createdAt: "desc" }, take: CATALOGUE_SCAN, select: { item: true } }),
  ]);
  const seen = new Set(own.map((o) => o.item));
  const items = new Map<string, number[]>();
  for (const row of shared) {
    if (items.size >= limits.inference.maxCandidates) break;
    const features = row.itemFeatures as number[];
    if (!seen.has(row.item) && !items.has(row.item) && features.length === width) items.set(row.item, features);
  }
  return [...items].map(([item, features]) => ({ item, itemFeatures: features }));
}

export interface FeedbackResult {
  /** The user's parameters after the online update; null without consent to personalization. */
  updated: UserParametersRecord | null;
  feedbackId: string;
}

/**
 * Stores a feedback signal and, with consent, nudges the user's parameters towards it (bounded:
 * a few gradient steps); once per idempotency key. A replay answers the parameters as they are now.
 */
export async function recordFeedback(db: Db, user: User, modelId: string, input: FeedbackInput, budget: RequestBudget, key: GivenKey | null = null): Promise<FeedbackResult> {
  const call = idempotentCall<FeedbackResult>(
    key,
    "recordFeedback",
    { modelId, item: input.item, itemFeatures: input.itemFeatures, signal: input.signal },
    async (tx, id) => {
      if (!(await tx.interaction.findFirst({ where: { id, userId: user.id }, select: { id: true } }))) return null;
      const updated = user.consentPersonalization ? await tx.userParameters.findUnique({ where: { userId_modelId: { userId: user.id, modelId } } }) : null;
      return { updated, feedbackId: id };
    },
    (result) => result.feedbackId,
  );
  const earlier = await replayed(db, user.id, call);
  if (earlier) return earlier;
  const { record, blueprint, loaded, recommender, features } = await recommenderFor(db, user, modelId);
  checkItemFeatures(input.itemFeatures, blueprint.itemFeatures!, ["itemFeatures"]);
  if (user.consentPersonalization) budget.charge(limits.inference.feedbackSteps * ADJOINT_PASSES * circuitWork(recommender), "the online update", ["recordFeedback"]);
  const pair: RatedPair = { user: features, item: input.itemFeatures, rating: input.signal };
  // The signal and the update it causes commit together, or not at all.
  return inTransaction(db, (tx) =>
    idempotently(tx, user.id, call, async () => {
      await reserveFeedback(tx, user.id);
      const { id: feedbackId } = await tx.interaction.create({ data: { userId: user.id, modelId: record.id, item: input.item, itemFeatures: input.itemFeatures, signal: input.signal }, select: { id: true } });
      if (!user.consentPersonalization) return { updated: null, feedbackId };
      return { updated: await lockedUpdate(tx, user.id, record, (current) => onlineStep(recommender, loaded.params, current, pair)), feedbackId };
    }),
  );
}

/**
 * Fine-tunes the user's parameters on their newest feedback for this model (consent required):
 * at most personalizeMaxSignals signals, and no more than the request's work budget can train on.
 */
export async function personalize(db: Db, user: User, modelId: string, budget: RequestBudget): Promise<UserParametersRecord> {
  if (!user.consentPersonalization) {
    throw new InvalidInputError([{ path: ["modelId"], message: "personalization needs your consent: set consent.personalization with updateProfile" }]);
  }
  const { record, loaded, recommender, features } = await recommenderFor(db, user, modelId);
  const perSignal = FINE_TUNE_EPOCHS * ADJOINT_PASSES * circuitWork(recommender);
  const affordable = Math.min(limits.training.personalizeMaxSignals, Math.floor(budget.remaining / perSignal));
  const feedback = await db.interaction.findMany({ where: { userId: user.id, modelId: record.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: Math.max(1, affordable) });
  if (feedback.length === 0) throw new InvalidInputError([{ path: ["modelId"], message: "you have no feedback on this model yet: recordFeedback first" }]);
  budget.charge(feedback.length * perSignal, `fine-tuning on ${feedback.length} signals`, ["personalize"]);
  const pairs = feedback.reverse().map((f) => ({ user: features, item: f.itemFeatures as number[], rating: f.signal }));
  // Fine-tuning starts afresh (it does not read the current parameters): train first, then hold the lock only to write.
  const tuned = fineTune(recommender, loaded.params, pairs, 0);
  return inTransaction(db, (tx) => lockedUpdate(tx, user.id, record, () => tuned));
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

/**
 * Inside a transaction: lock the user's parameters row (concurrent updates wait for it), read it,
 * compute, write. A first write races other creators on the unique (user, model) key; the
 * loser's transaction is retried whole by inTransaction.
 */
async function lockedUpdate(tx: Tx, userId: string, model: ModelRecord, compute: (current: Float64Array) => Float64Array): Promise<UserParametersRecord> {
  const key = { userId_modelId: { userId, modelId: model.id } };
  const found = await tx.userParameters.findUnique({ where: key, select: { id: true } });
  const existing = found && (await lockRow(tx, "UserParameters", found.id)) ? await tx.userParameters.findUnique({ where: key }) : null;
  const size = modelBlueprint(model).numFeatures; // one personal parameter per user feature
  const next = encodeParams(compute(existing ? decodeParams(existing.params) : new Float64Array(size)));
  if (!existing) return tx.userParameters.create({ data: { userId, modelId: model.id, params: next, version: 1 } });
  return tx.userParameters.update({ where: key, data: { params: next, version: { increment: 1 } } });
}

/** Deletes the user's feedback on one model (or on every model), freeing their quota; personal parameters stay. */
export async function deleteFeedback(db: Db, userId: string, modelId: string | null): Promise<number> {
  const { count } = await db.interaction.deleteMany({ where: { userId, ...(modelId ? { modelId } : {}) } });
  await recountStoredRows(db, userId);
  return count;
}

/** The stored personal parameters as numbers. */
export function personalValues(record: UserParametersRecord): number[] {
  return Array.from(decodeParams(record.params));
}
