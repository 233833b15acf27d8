// Every limit Superpose enforces, in one place. Each is documented in the README ("Limits") and
// tested at its edge; services and the GraphQL layer read them from here, never from literals.

export const limits = {
  http: {
    /** Largest request body the GraphQL endpoint accepts (bytes); larger gets 413. */
    maxBodyBytes: 1_048_576,
  },
  graphql: {
    /** Deepest selection set a query may have; deeper is refused before execution. */
    maxDepth: 12,
  },
  profile: {
    /** Display name length in characters, after trimming. */
    displayNameMinLength: 1,
    displayNameMaxLength: 80,
    /** Preferences: a JSON object, at most this many bytes once serialised, nested at most this deep. */
    preferencesMaxBytes: 16_384,
    preferencesMaxDepth: 8,
    /** Feature vector: at most this many finite numbers, each within ±featureMaxAbs. */
    featuresMaxLength: 256,
    featureMaxAbs: 1e6,
  },
} as const;

export type Limits = typeof limits;
