// The application's use cases. The only layer that touches the database.
export { connectDatabase, databaseKind, isDatabaseUnavailable, type Db, type DatabaseKind } from "./db.ts";
export * from "./errors.ts";
export {
  authenticateApiKey,
  createApiKey,
  generateApiKey,
  hashApiKey,
  listApiKeys,
  looksLikeApiKey,
  revokeApiKey,
  type ApiKeyRecord,
  type Caller,
  type NewKeyInput,
} from "./api-keys.ts";
export { createRateLimiters, type RateLimiters, type RateLimitSettings } from "./rate-limits.ts";
export { createUser, findUser, updateProfile, userFeatures, type User, type CreatedUser } from "./users.ts";
export { checkHealth, type Health } from "./health.ts";
export * from "./profile-input.ts";
export { textProblem, characterCount, utf8Bytes, nameText } from "./text.ts";
export { RequestBudget, unlimitedBudget, workUnits } from "./budget.ts";
export { inTransaction, type Tx } from "./transactions.ts";
export { QUOTAS, quotaUsage, type QuotaName, type QuotaUsage } from "./quotas.ts";
export { applyRetention, deletePredictions, recountStoredRows } from "./prediction-storage.ts";
export { createLogger, logger, pseudonym, type Logger } from "./log.ts";
export * from "./circuit-input.ts";
export {
  importCircuit,
  findCircuit,
  deleteCircuit,
  circuitOf,
  circuitParameters,
  circuitQasm,
  circuitDiagram,
  circuitGateCounts,
  drawCircuit,
  diagramOf,
  writeQasm,
  readQasm,
  type CircuitRecord,
  type CircuitFormat,
} from "./circuits.ts";
export {
  runSimulation,
  simulationWork,
  probabilityEntries,
  outcomeCounts,
  amplitudes,
  type Simulation,
  type ExpectationValue,
  type BasisProbability,
  type Amplitude,
  type OutcomeCount,
} from "./simulations.ts";
export * from "./model-input.ts";
export { optimizePortfolio, portfolioSchema, portfolioWork, PORTFOLIO_DEFAULTS, type PortfolioInput, type PortfolioAnswer, type ScoredPortfolioView } from "./portfolio.ts";
export {
  createModel,
  findReadableModel,
  findReadableModelToServe,
  findOwnModel,
  findModelVersion,
  deleteModel,
  modelBlueprint,
  modelQubits,
  modelCircuit,
  type ModelCircuitView,
  type ModelRecord,
  type ModelVersionRecord,
  type OwnedModelVersion,
} from "./models.ts";
export {
  createDataset,
  deleteDataset,
  findOwnDataset,
  addExamples,
  importDataset,
  parseCsv,
  datasetClasses,
  type DatasetRecord,
  type DatasetKind,
  type NewDataset,
  type NewExample,
  type CsvImport,
  type DatasetMeta,
} from "./datasets.ts";
export {
  startTrainingJob,
  findOwnJob,
  cancelTrainingJob,
  runTrainingBurst,
  stalledJobs,
  burstWork,
  isRunnable,
  type TrainingJobRecord,
  type JobSettings,
} from "./training.ts";
export { predict, predictionOutput, isStoredPrediction, modelToServe, inferenceWork, type PredictionRecord, type PredictionOutput, type PredictOptions, type LoadedVersion } from "./predictions.ts";
export { recommend, recordFeedback, personalize, personalValues, deleteFeedback, type Recommendations, type RankedItem, type FeedbackInput, type FeedbackResult, type UserParametersRecord } from "./personalization.ts";
export { deleteUserData } from "./privacy.ts";
export { startExport, runExport, findOwnExport, signedDownload, verifyDownload, EXPORT_FORMAT, type ExportJobRecord } from "./exports.ts";
export { folderExportStore, openExportStore, s3ExportStore, type ExportStore, type ExportFile, type ExportStoreConfig } from "./export-store.ts";
export { ensureBaseModels, BASE_MODELS } from "./base-models.ts";
export { describeModel, describeBlueprint } from "./model-description.ts";
export { KERNEL_BANDWIDTHS, KERNEL_REGULARIZATIONS } from "../ml/index.ts";
export { lambdaWorkers, type Workers } from "./workers.ts";
export { kernelFitWork, kernelFitStepWork } from "./kernel-fit.ts";
export { runFanoutShard, shardedGram, type FanoutShard, type GramShard } from "./fanout.ts";
export { canReadModel, requireOwned, requireReadableModel } from "./ownership.ts";
export { deleteExpiredIdempotencyKeys, type GivenKey } from "./idempotency.ts";
