// A circuit compiled for noisy simulation: one step per gate (no fusion, so noise lands after
// every gate as the model says), each with the channels that follow it. Circuits must measure
// only at the end: measurement is the readout, where readout errors apply.
import type { Circuit } from "../circuit/circuit.ts";
import { CoreError } from "../errors.ts";
import type { Matrix } from "../gates/matrix.ts";
import { bindingValues, compileCircuit, stepMatrix, type GateStep } from "../program/compile.ts";
import { krausOperators, noiseAfter, type NoiseModel } from "./model.ts";

export interface NoiseSite {
  qubit: number;
  operators: Matrix[];
  /** Scaled unitaries: each operator's odds, fixed whatever the state. */
  odds: number[] | null;
}

export interface NoisyStep {
  step: GateStep;
  /** Undefined for permutation kernels (x, swap), which need none. */
  matrix: Matrix | undefined;
  noise: NoiseSite[];
}

export function compileNoisy(circuit: Circuit, model: NoiseModel, bindings?: Readonly<Record<string, number>>): NoisyStep[] {
  if (circuit.hasMidCircuitMeasurement()) {
    throw new CoreError("CIRCUIT_INVALID", "noisy simulation needs measurements at the end only (no mid-circuit measurement, reset or condition): readout errors apply where qubits are read");
  }
  const unitary = circuit.withOperations(circuit.operations.filter((op) => op.kind !== "measure"));
  const program = compileCircuit(unitary, { fuse: false });
  const values = bindingValues(program, bindings);
  return program.steps.map((step) => {
    if (step.kind !== "gate") throw new CoreError("CIRCUIT_INVALID", "noisy simulation runs gates only");
    const op = unitary.operations[step.gates[0]!.opIndex]!;
    if (op.kind !== "gate") throw new CoreError("CIRCUIT_INVALID", "noisy simulation runs gates only");
    const touched = [...op.qubits, ...op.controls];
    const noise = noiseAfter(model, op.gate, touched).map(({ qubit, channel }) => {
      const { operators, mixedUnitary } = krausOperators(channel);
      return { qubit, operators, odds: mixedUnitary ? operators.map((k) => k[0]! ** 2 + k[1]! ** 2 + k[2]! ** 2 + k[3]! ** 2) : null };
    });
    return { step, matrix: step.structure === "x" || step.structure === "swap" ? undefined : stepMatrix(step, values), noise };
  });
}
