// Every limit Superpose enforces, in one place. Each is documented in the README ("Limits") and
// tested at its edge; services and the GraphQL layer read them from here, never from literals.

export const limits = {
  /** Seeds (simulation, training, inference): 0 to the largest GraphQL Int. */
  maxSeed: 2_147_483_647,
  database: {
    /**
     * PostgreSQL connections one process holds at most: node-postgres's 10 for a process that serves
     * many requests at once (the local server, scripts). A Lambda instance serves one request at a
     * time, so serverless.yml sets 2 there (DATABASE_POOL_SIZE): a request's sibling fields query
     * concurrently and may overlap. Connections = instances × this; see README "Capacity".
     */
    poolSize: 10,
    /** An idle connection is closed after 10 s, so a burst's connections do not outlive it. */
    idleTimeoutMs: 10_000,
    /**
     * A query waits at most 10 s for a connection (a free pool slot, or the server's answer), then
     * the request is answered 503 + Retry-After: a full database never hangs a request.
     */
    connectTimeoutMs: 10_000,
    /** Seconds a client is told to wait (Retry-After) when the database has no connection for it. */
    retryAfterSeconds: 1,
    /**
     * The longest a Lambda init phase waits for the database (functions/lib/init-phase.ts). Lambda
     * allows an init 10 s; a database that does not answer would otherwise hold it for the whole
     * connect timeout, time out the init, and make Lambda run it again inside the first request.
     */
    initWaitMs: 2_000,
  },
  idempotency: {
    /** Longest idempotency key (an input field, or the Idempotency-Key header): printable ASCII, no spaces. */
    keyMaxLength: 255,
    /** A key is remembered this long (a retry within it replays the first call); the hourly cleanup deletes older ones. */
    keepHours: 24,
  },
  http: {
    /** Largest request body the GraphQL endpoint accepts (bytes); larger gets 413. */
    maxBodyBytes: 1_048_576,
  },
  graphql: {
    /** Deepest selection set a query may have; deeper is refused before execution. */
    maxDepth: 12,
    /**
     * Brackets ({ [ () nested in the query text, and nesting of the variables' JSON: checked on the
     * raw text before parsing, so no parser or validator recursion can exhaust the stack.
     */
    maxNesting: 40,
    /** Lexical tokens in one document (parsing stops at the first token past it). */
    maxTokens: 20_000,
    /** Aliased fields in one operation. */
    maxAliases: 30,
    /**
     * Static cost of an operation, computed before execution with the variables known: every
     * field costs 1 (expensive fields more, see schema/plugins/query-cost.ts), and a list argument (first/last,
     * ids, rows, candidates, examples) multiplies the cost of what is selected under it.
     */
    maxCost: 20_000,
    /** The same for anonymous callers (no API key): sign-up, health and introspection. */
    maxCostAnonymous: 5_000,
    /** Ids one `nodes` query may ask for. */
    maxNodeIds: 100,
    /** Page size of connections: the default `first`, and the most one page may hold. */
    defaultPageSize: 20,
    maxPageSize: 100,
  },
  request: {
    /**
     * Work budget of one whole request, shared by all its fields and aliases: simulation and
     * inference amplitude updates, explanations, OpenQASM reading and writing, drawings, training
     * bursts run inline. One unit is about a nanosecond of one core (measured: 2^30 units of
     * simulation take ~1.1 s here), so no request holds its function's event loop for more than
     * about a second; one simulation at its own limit (7/8 of this) still fits with its program.
     */
    maxWork: 2 ** 30,
  },
  rateLimit: {
    /** Requests per API key per window (every key of a user counts on its own). */
    perKey: 1_200,
    /** Requests per IP address per window without a key. */
    perAnonymousIp: 300,
    /** Sign-ups (createUser) per IP address per hour. */
    signUpsPerIpPerHour: 20,
    /** Window of the per-key and anonymous limits, in seconds. */
    windowSeconds: 60,
  },
  text: {
    /**
     * Every string argument: no control characters (C0 and DEL; multi-line texts such as OpenQASM
     * and CSV may hold tab, line feed and carriage return) and well-formed Unicode (no lone surrogates).
     * Names are limited in characters (Unicode code points) and in UTF-8 bytes.
     */
    nameMaxBytes: 480,
    itemMaxLength: 200,
    itemMaxBytes: 800,
  },
  apiKeys: {
    /** Active (unrevoked, unexpired) keys one user may hold. */
    maxActivePerUser: 20,
    nameMaxLength: 80,
    /** Furthest expiry a key may be given (days from now). */
    maxLifetimeDays: 3_650,
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
    /** Most circuits one user may keep, and most bytes of OpenQASM across them (16 MiB). */
    maxPerUser: 1_000,
    maxBytesPerUser: 16_777_216,
    /** Largest circuit `diagram` draws (operations); bigger drawings would be megabytes. */
    maxDrawOperations: 5_000,
  },
  simulation: {
    /** Widest circuit simulated in one request (2^20 amplitudes: 16 MiB of state). */
    maxQubits: 20,
    /** Most measurement samples per request. */
    maxShots: 100_000,
    /**
     * Work of one simulation, in amplitude updates: compiled kernel steps × 2^qubits, times the
     * trajectories (one per shot) when the circuit measures or resets mid-circuit. 7/8 of the
     * request's budget (under a second of one core), leaving room to read the program; bigger jobs
     * are refused before they start.
     */
    maxWork: 0.875 * 2 ** 30,
    /** Most observables per request, and the longest each may be (characters). */
    maxObservables: 32,
    maxObservableLength: 4_096,
    /** Most parameter bindings per request. */
    maxBindings: 512,
    /**
     * Noise (simulate's `noise`): rules per channel kind, and trajectories averaged at most. The
     * density matrix takes at most 10 qubits (16 MiB); every run is within maxWork like any other.
     */
    maxNoiseRules: 32,
    maxTrajectories: 10_000,
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
    /**
     * Widest variational model (classifiers, regressors, recommenders) and widest kernel model, in
     * qubits. Training runs in short bursts; the training work cap (training.maxWork) is the real
     * guard, refusing a wide model on a large dataset before it starts.
     */
    maxQubits: 16,
    maxKernelQubits: 20,
    /**
     * The default blueprint's qubit budget: a table with more features than this (one qubit per
     * feature) is reduced by PCA onto this many components unless the blueprint says otherwise.
     */
    defaultQubits: 8,
    /** Most ansatz / encoding repetitions. */
    maxReps: 6,
    /** Classes of a classifier (softmax reads one qubit per class). */
    minClasses: 2,
    maxClasses: 10,
    classNameMaxLength: 64,
    /** Features: one qubit each, except amplitude encoding (2^n per n qubits) or a reduction (PCA). */
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
    /** Problems one refusal lists (it counts them all: "5000 problems, the first 20 listed"). */
    maxIssues: 20,
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
    /**
     * A runnable job unchanged this long, with no live lease, has lost its trainBurst chain; the
     * resumeTraining schedule (every minute, worker driver) starts a new one. A live chain changes
     * its job at every burst (≤ 1 s apart, plus the invocation's own latency).
     */
    stallMs: 60_000,
    /** Stalled jobs one resumeTraining run restarts at most (trainBurst's reserved concurrency is 10). */
    resumeBatch: 20,
    /** Training work cap: examples × epochs × circuit parameters × 2^qubits (× 8 with parameter-shift or shots). */
    maxWork: 2 ** 34,
    /**
     * Kernel models: the Gram matrix is computed a block of rows per burst, but the closed-form fit
     * (a Cholesky solve, rows³/3, and scoring the validation and test rows against every training
     * row) runs in one burst of its own: at most this many training rows, and at most
     * maxKernelFitWork units in that burst (2^31: ~3 s measured, well inside the 15 s lease).
     */
    maxKernelTrainRows: 1_500,
    maxKernelFitWork: 2 ** 31,
    /**
     * Kernel models with bandwidth "auto" first choose bandwidth and λ on the validation split, in a
     * burst of their own: a grid of 5 bandwidths × 4 λ, fitted on at most kernelTuningRows training
     * rows (evenly spaced; fewer when 2^qubits makes their states dearer) within kernelTuningWork units.
     */
    kernelTuningRows: 200,
    kernelTuningWork: 2 ** 30,
    /** Versions one model may have (each training run adds one); delete the model to start over. */
    maxVersionsPerModel: 100,
    /** Ended training jobs are deleted by the cleanup after this many days (their versions stay). */
    endedJobsKeepDays: 30,
    /** personalize reads your newest feedback on the model, at most this many signals. */
    personalizeMaxSignals: 1_000,
  },
  fanout: {
    /** Rows of a Gram matrix one fanout invocation computes (payloads stay far below Lambda's 6 MB). */
    shardRows: 32,
    /** Below this many training rows a kernel Gram matrix is computed in the calling function. */
    minRows: 64,
    /** Most shards in flight at once. */
    concurrency: 8,
  },
  portfolio: {
    /** Assets one optimizePortfolio call may choose from (the exact optimum is found by enumeration, 2^n). */
    maxAssets: 20,
    /** QAOA depth p, random restarts per depth, Adam steps per start, and shots sampled from the final state. */
    maxLayers: 5,
    maxRestarts: 10,
    maxIterations: 500,
    maxShots: 100_000,
    /** Largest |return| and |covariance entry|, and largest risk aversion. */
    maxAbsValue: 1e3,
    maxRiskAversion: 1e3,
  },
  prediction: {
    /** Stored predictions one user may keep, and their bytes (input and output as stored JSON). */
    maxStoredPerUser: 20_000,
    maxStoredBytesPerUser: 33_554_432,
    /** Stored predictions older than this are deleted by the scheduled cleanup. */
    retentionDays: 30,
    /** Rows one cleanup statement deletes at a time (keeps each statement short). */
    cleanupBatch: 5_000,
  },
  export: {
    /** Rows read per page while an export is written (memory stays at one page). */
    pageRows: 1_000,
    /** How long a download URL works. */
    urlSeconds: 900,
    /** Export files and their jobs are deleted by the cleanup after this many days. */
    keepDays: 7,
    /**
     * An export still queued or running this long after it was started has lost its runner (the
     * exportData function stops at 5 minutes; an invocation can be lost): it is marked failed, so
     * it no longer blocks the user's next export.
     */
    staleMinutes: 15,
  },
  inference: {
    maxShots: 10_000,
    /** Rows per predictBatch call. */
    maxBatch: 256,
    /**
     * Candidates one recommend call may rank, and most results it returns. Without candidates the
     * catalogue is the newest maxCandidates distinct items of consenting users' feedback.
     */
    maxCandidates: 500,
    maxRecommendations: 100,
    /** Integrated-gradients steps for explanations. */
    explanationSteps: 32,
    /**
     * Work budget per predict call, in amplitude updates: rows × circuit operations × 2^qubits,
     * times 4·(explanationSteps + 1) with explanations (an adjoint sweep per quadrature point).
     */
    maxWork: 2 ** 28,
    /** Feedback signals one user may store (across models); deleteFeedback frees room. */
    maxFeedbackPerUser: 50_000,
    /** recordFeedback's online update: optimizer steps (concurrent feedback queues on a row lock). */
    feedbackSteps: 5,
  },
} as const;

export type Limits = typeof limits;
