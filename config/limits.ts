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
  circuit: {
    /** Largest OpenQASM source accepted (bytes of UTF-8). */
    maxSourceBytes: 262_144,
    /** Widest circuit that can be imported (qubits; classical bits likewise). */
    maxQubits: 24,
    /** Most operations a circuit may have once its gate definitions are expanded. */
    maxOperations: 50_000,
    /** Circuit name length in characters, after trimming. */
    nameMinLength: 1,
    nameMaxLength: 120,
    /** Most circuits one user may keep. */
    maxPerUser: 1_000,
  },
  simulation: {
    /** Widest circuit simulated in one request (2^20 amplitudes: 16 MiB of state). */
    maxQubits: 20,
    /** Most measurement samples per request. */
    maxShots: 100_000,
    /**
     * Work budget per request, in amplitude updates: compiled kernel steps × 2^qubits, times the
     * trajectories (one per shot) when the circuit measures or resets mid-circuit. 2^30 is about a
     * second of one core; bigger jobs are refused before they start.
     */
    maxWork: 2 ** 30,
    /** Most observables per request, and the longest each may be (characters). */
    maxObservables: 32,
    maxObservableLength: 4_096,
    /** Most parameter bindings per request. */
    maxBindings: 512,
    /** The statevector is returned for circuits up to this many qubits (1,024 amplitudes). */
    statevectorMaxQubits: 10,
    /** Most basis states one `probabilities` selection returns (sorted by index; see its `limit`). */
    maxProbabilityEntries: 4_096,
    defaultProbabilityEntries: 1_024,
  },
} as const;

export type Limits = typeof limits;
