// A seeded synthetic personalization data set. Each user has a hidden taste vector; the features
// the platform sees are a noisy view of part of it. Items have observable features. A rating is
// how well taste and item agree, squashed to [−1, 1], plus noise:
//   taste_u ~ N(0, I_d),  item_i ~ U[−1, 1]^d,  rating = tanh(2·taste_u·item_i / √d) + ε,  ε ~ N(0, noise²)
//   user features j < k: taste_u[j] + N(0, featureNoise²); j ≥ k: N(0, 1), unrelated to taste
//   (the rest of the taste is never observed)
// A shared model can only use what the features reveal; a user's own ratings reveal the rest,
// which is what per-user fine-tuning is for.
import { Rng } from "../../core/index.ts";

export interface PreferenceOptions {
  users: number;
  items: number;
  /** Dimension of tastes and item features. */
  dimensions: number;
  /** How many taste dimensions the user features reveal. */
  observedDimensions: number;
  ratingsPerUser: number;
  noise: number;
  featureNoise: number;
  seed: number;
}

export interface Rating {
  user: number;
  item: number;
  rating: number;
}

export interface PreferenceData {
  userFeatures: number[][];
  itemFeatures: number[][];
  /** Hidden: for analysis only, never given to a model. */
  tastes: number[][];
  ratings: Rating[];
}

export const DEFAULT_PREFERENCES: PreferenceOptions = {
  users: 40,
  items: 60,
  dimensions: 4,
  observedDimensions: 2,
  ratingsPerUser: 24,
  noise: 0.05,
  featureNoise: 0.3,
  seed: 0,
};

export function generatePreferences(options: Partial<PreferenceOptions> = {}): PreferenceData {
  const o = { ...DEFAULT_PREFERENCES, ...options };
  const rng = new Rng(o.seed);
  const tastes = Array.from({ length: o.users }, () => Array.from({ length: o.dimensions }, () => rng.nextNormal()));
  const itemFeatures = Array.from({ length: o.items }, () => Array.from({ length: o.dimensions }, () => rng.nextFloat() * 2 - 1));
  const userFeatures = tastes.map((t) => Array.from({ length: o.dimensions }, (_, j) => (j < o.observedDimensions ? t[j]! + o.featureNoise * rng.nextNormal() : rng.nextNormal())));
  const ratings: Rating[] = [];
  tastes.forEach((taste, user) => {
    // Each user rates a random subset of the items.
    const pool = Array.from({ length: o.items }, (_, i) => i);
    for (let k = 0; k < Math.min(o.ratingsPerUser, o.items); k++) {
      const pick = k + rng.nextInt(o.items - k);
      [pool[k], pool[pick]] = [pool[pick]!, pool[k]!];
      const item = pool[k]!;
      const agreement = taste.reduce((s, t, j) => s + t * itemFeatures[item]![j]!, 0) / Math.sqrt(o.dimensions);
      ratings.push({ user, item, rating: Math.tanh(2 * agreement) + o.noise * rng.nextNormal() });
    }
  });
  return { userFeatures, itemFeatures, tastes, ratings };
}
