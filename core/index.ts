// The quantum engine's public API. Pure TypeScript: no I/O, no dependencies.
export { Circuit, displayName } from "./circuit/circuit.ts";
export { CircuitBuilder, param } from "./circuit/builder.ts";
export type { Operation, GateOperation, MeasureOperation, ResetOperation, BarrierOperation, Condition, Register } from "./circuit/operation.ts";
export { CoreError, type CoreErrorCode } from "./errors.ts";
export { type Expr, type Param, symbol, constant, binary, unary, evaluate, derivative, formatParam, formatNumber, symbolsOf } from "./expr.ts";
export type { GateDefinition, GateStructure, ShiftRule } from "./gates/definition.ts";
export { gateDefinition, standardGateNames, canonicalGateName } from "./gates/standard.ts";
export { type Matrix, unitarityError } from "./gates/matrix.ts";
export { PauliSum, type PauliTerm, expectation } from "./observables/pauli.ts";
export { compileCircuit, bindingValues, type Program, type Step, type CompileOptions } from "./program/compile.ts";
export { runProgram, runProgramStepwise, drain, type RunOptions, type RunResult } from "./program/run.ts";
export { Rng, type RngState } from "./random.ts";
export { popcount } from "./kernels/indexing.ts";
export { sampleCounts, bitstring } from "./sampling.ts";
export { simulate, simulateStepwise, compileForSimulation, sampledResult, SimulationResult, type SimulateOptions, DEFAULT_MAX_SHOTS } from "./simulate.ts";
export { StateVector, DEFAULT_MAX_QUBITS } from "./state.ts";
export { adjointGradient, type GradientResult } from "./gradients/adjoint.ts";
export { parameterShiftGradient, type ParameterShiftOptions } from "./gradients/parameter-shift.ts";
export { estimateExpectation } from "./gradients/estimate.ts";
export { expectationBatch, probabilitiesBatch, type BatchOptions } from "./program/batch.ts";
export { parseQasm, qasmVersion, parseQasm2, parseQasm3, toQasm2, toQasm3, type QasmReadOptions } from "./qasm/index.ts";
export { drawText, drawSvg, renderSvg } from "./draw/index.ts";
export {
  simulateNoisy,
  simulateNoisyStepwise,
  noisyWork,
  noisyRunWork,
  planNoisyRun,
  simulateDensity,
  simulateTrajectories,
  krausOperators,
  readoutConfusion,
  applyReadout,
  DENSITY_MAX_QUBITS,
  DEFAULT_TRAJECTORIES,
  type NoiseModel,
  type NoiseChannel,
  type GateNoise,
  type ReadoutError,
  type NoiseMethod,
  type NoisyResult,
  type NoisyRun,
} from "./noise/index.ts";
