// The ML layer's public API. Imports core/ only; no I/O.
export * from "./encodings/index.ts";
export * from "./ansatzes/index.ts";
export { FeatureScaler, type ScalerSpec, type ReduceOptions } from "./scaling.ts";
export { Pca, type PcaSpec } from "./reduction.ts";
export { symmetricEigen } from "./linalg.ts";
export { VariationalCircuit, weightedSum, type GradientMethod } from "./variational-circuit.ts";
export { VariationalClassifier, argmax, type ClassifierSpec, type ClassifierOptions, type ClassPrediction } from "./models/classifier.ts";
export { VariationalRegressor, type RegressorSpec, type ValuePrediction } from "./models/regressor.ts";
export { QuantumKernelClassifier, fidelityGram, kernelAlignment, type KernelSpec, type KernelOptions, type KernelFeatureMap } from "./models/kernel.ts";
export { selectKernel, kernelSelectionWork, KERNEL_BANDWIDTHS, KERNEL_REGULARIZATIONS, type KernelSelection, type KernelGridCell } from "./models/kernel-selection.ts";
export { QuantumRecommender, type RecommenderSpec, type RatedPair } from "./models/recommender.ts";
export { modelFromSpec, encodeParams, decodeParams, MODEL_SPEC_VERSION, type ModelSpec, type Model } from "./models/serialization.ts";
export { startTraining, trainBurst, trainToEnd, DEFAULT_TRAINING, type Checkpoint, type TrainingConfig, type BurstOptions, type BurstResult, type EpochRecord } from "./training/trainer.ts";
export type { Objective, GradientOptions } from "./training/objective.ts";
export type { OptimizerConfig } from "./training/optimizers.ts";
export { softmax, type ClassificationLoss } from "./training/losses.ts";
export { classificationMetrics, expectedCalibrationError, rocAuc, macroF1, confusionMatrix, type ClassificationMetrics } from "./metrics/classification.ts";
export { regressionMetrics, type RegressionMetrics } from "./metrics/regression.ts";
export { LogisticRegression } from "./baselines/logistic-regression.ts";
export { LinearRegression } from "./baselines/linear-regression.ts";
export { compareClassifier, compareRegressor, type Comparison } from "./evaluation.ts";
export { wilsonInterval, shotEstimate, ensembleSpread, conformalHalfWidth, calibrateRegression, stopAndCalibrate, type RegressionCalibration } from "./uncertainty.ts";
export { checkExplanation, explain, type CheckedExplanation, type Explanation, type ExplanationMethod, type ValueAndGradient } from "./explain.ts";
export { type Labeled, type Split, stratifiedSplit, randomSplit, subset } from "./data/dataset.ts";
export { loadIris, IRIS_FEATURES } from "./data/iris.ts";
export { parseTable, type Table } from "./data/table.ts";
export { generatePreferences, DEFAULT_PREFERENCES, type PreferenceData, type PreferenceOptions, type Rating } from "./data/preferences.ts";
export { irisVqc, irisKernel, irisRegression, irisSplit, IRIS_SPLIT_SEED, type IrisResult } from "./experiments/iris.ts";
export { personalizationExperiment, personalizationSplit, fineTune, type PersonalizationResult } from "./experiments/personalization.ts";
export {
  friedman1,
  friedman3,
  irisPetalWidth,
  quantumMetrics,
  REGRESSION_CONFIGS,
  REGRESSION_TRAINING,
  ridgeMetrics,
  splitTable,
  trainRegressor,
  type RegressionConfig,
  type RegressionTable,
} from "./experiments/regression.ts";
export { modelFromBlueprint, blueprintQubits, blueprintCircuit, encodedFeatures, usesFidelityKernel, hasClasses, modelCircuit, type Blueprint, type BlueprintModel, type Task } from "./models/blueprint.ts";
export { trainingPlan, kernelGramJob, selectKernelFor, withKernelSelection, type TrainingPlan, type PlanOptions, type Evaluation } from "./training/plan.ts";
export { solvePortfolio, type PortfolioSolution, type PortfolioSolveOptions, type ScoredPortfolio } from "./optimization/solve-portfolio.ts";
export { portfolioQubo, portfolioObjective, budgetPenalty, enumeratePortfolios, approximationRatio, greedyPortfolio, syntheticMarket, type PortfolioProblem } from "./optimization/portfolio.ts";
export { optimizeQaoa, QaoaCircuit, interpolate, ringPairs, qaoaEvaluations, type QaoaOptions, type QaoaResult, type Mixer } from "./optimization/qaoa.ts";
export { qaoaCircuit, prepareDicke } from "./optimization/circuit.ts";
export { quboValue, quboDiagonal, toIsing, bitsOf, type Qubo, type Ising } from "./optimization/qubo.ts";
export { QuantumKernelAnomalyDetector, DEFAULT_ANOMALY_BANDWIDTH, type AnomalySpec, type AnomalyOptions, type AnomalySelection, type AnomalyVerdict } from "./models/anomaly.ts";
export { anomalyMetrics, averagePrecision, precisionAtK, thresholdForFalsePositiveRate, type AnomalyMetrics } from "./metrics/anomaly.ts";
export { MahalanobisDetector } from "./baselines/mahalanobis.ts";
export { RbfDensityDetector, RBF_WIDTHS } from "./baselines/rbf-density.ts";
export { plantedAnomalies, DEFAULT_PLANTED, type PlantedAnomalyOptions } from "./data/anomalies.ts";
export { compareAnomalyDetector } from "./evaluation.ts";
