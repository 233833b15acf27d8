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
    /**
     * Static cost of an operation (GraphQL Armor: objects 2, scalars 1, ×1.5 per level of depth);
     * costlier operations are refused before execution.
     */
    maxCost: 20_000,
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
  model: {
    nameMinLength: 1,
    nameMaxLength: 120,
    /** Most models one user may own. */
    maxPerUser: 100,
    /** Widest model circuit (training runs in short bursts inside a function). */
    maxQubits: 10,
    /** Most ansatz / encoding repetitions. */
    maxReps: 6,
    /** Classes of a classifier (softmax reads one qubit per class). */
    minClasses: 2,
    maxClasses: 10,
    classNameMaxLength: 64,
    /** Features: one qubit each, except amplitude encoding (2^n per n qubits). */
    maxFeatures: 64,
  },
  dataset: {
    nameMinLength: 1,
    nameMaxLength: 120,
    maxPerUser: 100,
    /** Examples one dataset may hold, and that one addExamples call may add. */
    maxExamples: 5_000,
    maxExamplesPerCall: 500,
    /** importDataset's CSV text (bytes of UTF-8). */
    maxCsvBytes: 262_144,
    /** Every feature and label must be finite and within ±maxAbsValue. */
    maxAbsValue: 1e6,
  },
  training: {
    maxEpochs: 200,
    maxBatchSize: 256,
    maxShots: 10_000,
    maxPatience: 100,
    /** Wall-clock per burst: one request (locally) or one worker invocation (cloud) runs one burst. */
    burstMs: 1_000,
    /** A burst holds its job for this long; a lapsed lease means its process died and another may resume. */
    leaseMs: 15_000,
    /** Training work cap: examples × epochs × circuit parameters × 2^qubits (× 8 with parameter-shift or shots). */
    maxWork: 2 ** 34,
  },
  fanout: {
    /** Rows of a Gram matrix one fanout invocation computes (payloads stay far below Lambda's 6 MB). */
    shardRows: 32,
    /** Below this many training rows a kernel Gram matrix is computed in the calling function. */
    minRows: 64,
    /** Most shards in flight at once. */
    concurrency: 8,
  },
  inference: {
    maxShots: 10_000,
    /** Rows per predictBatch call. */
    maxBatch: 256,
    /** Candidates one recommend call may rank, and most results it returns. */
    maxCandidates: 500,
    maxRecommendations: 100,
    /** Integrated-gradients steps for explanations. */
    explanationSteps: 32,
    /**
     * Work budget per predict call, in amplitude updates: rows × circuit operations × 2^qubits,
     * times 4·(explanationSteps + 1) with explanations (an adjoint sweep per quadrature point).
     */
    maxWork: 2 ** 28,
    /** recordFeedback's online update: optimizer steps, and retries when a concurrent update wins. */
    feedbackSteps: 5,
    feedbackRetries: 5,
  },
} as const;

export type Limits = typeof limits;
