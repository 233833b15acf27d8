// The reference personalization experiment on the synthetic preference data (40 users, 60 items,
// 24 ratings each; half of each user's taste is hidden from their features): an 8-qubit
// recommender (4 user + 4 item qubits) trained on everyone's first 16 ratings, then fine-tuned
// per user on those same 16; both scored on each user's 8 held-out ratings.
import { generatePreferences, type PreferenceData } from "../data/preferences.ts";
import { QuantumRecommender, type RatedPair } from "../models/recommender.ts";
import { startTraining, trainToEnd } from "../training/trainer.ts";

export interface PersonalizationResult {
  sharedMse: number;
  personalMse: number;
  /** Users whose held-out error fell with fine-tuning. */
  usersImproved: number;
  users: number;
  /** Predicting every rating by the training mean (a floor any model should beat). */
  meanBaselineMse: number;
}

export function personalizationSplit(data: PreferenceData, trainPerUser = 16) {
  const pair = (r: { user: number; item: number; rating: number }): RatedPair => ({ user: data.userFeatures[r.user]!, item: data.itemFeatures[r.item]!, rating: r.rating });
  const byUser = data.userFeatures.map((_, u) => data.ratings.filter((r) => r.user === u));
  return {
    train: byUser.map((rs) => rs.slice(0, trainPerUser).map(pair)),
    test: byUser.map((rs) => rs.slice(trainPerUser).map(pair)),
  };
}

export function personalizationExperiment(options: { users?: number; seed?: number } = {}): PersonalizationResult & { model: QuantumRecommender; shared: Float64Array } {
  const data = generatePreferences({ users: options.users ?? 40, seed: options.seed ?? 1 });
  const { train, test } = personalizationSplit(data);
  const model = QuantumRecommender.create(data.userFeatures, data.itemFeatures, { kind: "realAmplitudes", reps: 2, entanglement: "ring" });
  const everyone = train.flat();
  // Validation: the first 64 training ratings (early stopping only).
  const run = trainToEnd(
    model.sharedObjective(everyone.slice(64), everyone.slice(0, 64)),
    startTraining(model.initialParams(1), { optimizer: { kind: "adam", learningRate: 0.05 }, maxEpochs: 40, patience: 6, batchSize: 32, seed: 1 }),
  );
  const shared = Float64Array.from(run.best.params);
  const mean = everyone.reduce((s, p) => s + p.rating, 0) / everyone.length;
  let sharedSe = 0, personalSe = 0, meanSe = 0, count = 0, usersImproved = 0;
  test.forEach((held, u) => {
    const personal = fineTune(model, shared, train[u]!, u);
    const before = model.scores(shared, held);
    const after = model.scores(shared, held.map((p) => ({ ...p, personal })));
    let userBefore = 0, userAfter = 0;
    held.forEach((p, i) => {
      userBefore += (before[i]! - p.rating) ** 2;
      userAfter += (after[i]! - p.rating) ** 2;
      meanSe += (mean - p.rating) ** 2;
      count++;
    });
    sharedSe += userBefore;
    personalSe += userAfter;
    if (userAfter < userBefore) usersImproved++;
  });
  return { model, shared, sharedMse: sharedSe / count, personalMse: personalSe / count, meanBaselineMse: meanSe / count, usersImproved, users: test.length };
}

/** One user's personal parameters: Adam on their own ratings, shared parameters frozen, L2 towards zero. */
export function fineTune(model: QuantumRecommender, shared: Float64Array, ratings: readonly RatedPair[], seed: number): Float64Array {
  const run = trainToEnd(
    model.personalObjective(shared, ratings, [], 0.01),
    startTraining(new Float64Array(model.numPersonalParams), { optimizer: { kind: "adam", learningRate: 0.1 }, maxEpochs: 40, patience: 1000, batchSize: 16, seed }),
  );
  return Float64Array.from(run.params);
}
