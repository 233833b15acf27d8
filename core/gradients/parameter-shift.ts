// Gradients by the parameter-shift rule: each parametric gate is re-run with its parameter
// shifted, exactly (shots = 0) or from seeded samples (shots > 0), as on hardware.
//   two-term  (generator eigenvalues differ by 1): ∂f = [f(θ+π/2) − f(θ−π/2)] / 2
//   four-term (controlled rotations, eigenvalues {0, ±½}; Anselmetti et al. 2021):
//             ∂f = d₁[f(θ+π/2) − f(θ−π/2)] − d₂[f(θ+3π/2) − f(θ−3π/2)]
import { CoreError } from "../errors.ts";
import { expectation, type PauliSum } from "../observables/pauli.ts";
import type { GateStep, Program } from "../program/compile.ts";
import { runProgram } from "../program/run.ts";
import { Rng } from "../random.ts";
import type { StateVector } from "../state.ts";
import { estimateExpectation } from "./estimate.ts";
import type { GradientResult } from "./adjoint.ts";

const D1 = (Math.SQRT2 + 1) / (4 * Math.SQRT2);
const D2 = (Math.SQRT2 - 1) / (4 * Math.SQRT2);

export interface ParameterShiftOptions {
  /** 0 (default): exact expectation values; > 0: estimated from this many shots per term and evaluation. */
  shots?: number;
  seed?: number;
  maxQubits?: number;
}

export function parameterShiftGradient(program: Program, values: Float64Array, observable: PauliSum, options: ParameterShiftOptions = {}): GradientResult {
  if (program.hasNonUnitary) throw new CoreError("CIRCUIT_INVALID", "parameter-shift gradients need a circuit without mid-circuit measurement, reset or conditions");
  const shots = options.shots ?? 0;
  const rng = new Rng(options.seed ?? 0);
  const evaluate = (shift?: { opIndex: number; param: number; delta: number }) => {
    const { state } = runProgram(program, values, undefined, { shift, maxQubits: options.maxQubits });
    return measure(state, observable, shots, rng);
  };
  const value = evaluate();
  const gradient = new Float64Array(program.symbols.length);
  for (const step of program.steps as GateStep[]) {
    for (const gate of step.gates) {
      gate.paramGradients.forEach((chain, param) => {
        if (chain.length === 0) return;
        const at = (delta: number) => evaluate({ opIndex: gate.opIndex, param, delta });
        const h = Math.PI / 2;
        const dTheta =
          gate.shiftRules[param] === "four-term"
            ? D1 * (at(h) - at(-h)) - D2 * (at(3 * h) - at(-3 * h))
            : (at(h) - at(-h)) / 2;
        for (const { symbol, fn } of chain) gradient[symbol]! += dTheta * fn(values);
      });
    }
  }
  return { value, gradient };
}

function measure(state: StateVector, observable: PauliSum, shots: number, rng: Rng): number {
  return shots > 0 ? estimateExpectation(state, observable, shots, rng) : expectation(state.re, state.im, observable);
}
