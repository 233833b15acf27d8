// Exact gradients of ⟨ψ(θ)|O|ψ(θ)⟩ by the adjoint method (Jones & Gacon, 2020): one forward run,
// then one backward sweep carrying ψ and λ = O·ψ. Each fused step is un-applied once; the
// gradients of all its parameters come from one reduction S = Σ conj(λ)·φ over its subspace,
// because ⟨λ|D|φ⟩ = Σ D·S for any matrix D on the step's qubits. Cost ≈ 4 forward passes,
// whatever the number of parameters.
import { CoreError } from "../errors.ts";
import { adjoint, identity, type Matrix, multiply } from "../gates/matrix.ts";
import { outerSums, realContraction } from "../kernels/reduce.ts";
import { applyObservableBlock, type PauliSum } from "../observables/pauli.ts";
import { type GateStep, gateMatrix, type Program } from "../program/compile.ts";
import { applyStep, applyStepInverse, runProgram } from "../program/run.ts";
import { StateVector } from "../state.ts";

export interface GradientResult {
  /** ⟨O⟩ at these parameter values. */
  value: number;
  /** ∂⟨O⟩/∂symbol, in program.symbols order. */
  gradient: Float64Array;
}

export function adjointGradient(program: Program, values: Float64Array, observable: PauliSum, options: { maxQubits?: number } = {}): GradientResult {
  if (program.hasNonUnitary) {
    throw new CoreError("CIRCUIT_INVALID", "adjoint gradients need a circuit without mid-circuit measurement, reset or conditions");
  }
  const psi = runProgram(program, values, undefined, options).state;
  const lambda = new StateVector(psi.numQubits, new Float64Array(psi.size), new Float64Array(psi.size));
  applyObservableBlock(psi.re, psi.im, 1, observable, lambda.re, lambda.im);
  const value = psi.inner(lambda)[0];
  const gradient = new Float64Array(program.symbols.length);

  for (let s = program.steps.length - 1; s >= 0; s--) {
    const step = program.steps[s] as GateStep;
    if (step.structure === "x" || step.structure === "swap") {
      applyStep(psi.re, psi.im, 1, step, undefined);
      applyStep(lambda.re, lambda.im, 1, step, undefined);
      continue;
    }
    const matrices = step.gates.map((g) => gateMatrix(g, values));
    const full = matrices.reduce<Matrix>((acc, m) => multiply(m, acc), identity(1 << step.targets.length));
    applyStepInverse(psi.re, psi.im, 1, step, full); // ψ is now φ, the state before this step
    if (step.gates.some((g) => g.paramGradients.some((p) => p.length > 0))) {
      const sums = outerSums(lambda.re, lambda.im, psi.re, psi.im, step.targets, step.cmask);
      accumulateStepGradient(step, matrices, values, sums, gradient);
    }
    applyStep(lambda.re, lambda.im, 1, step, adjoint(full));
  }
  return { value, gradient };
}

/** For each parametric gate in the step: 2·Re⟨λ|after·∂G·before|φ⟩, chained to the symbols. */
function accumulateStepGradient(step: GateStep, matrices: Matrix[], values: Float64Array, sums: Float64Array, gradient: Float64Array): void {
  const dim = 1 << step.targets.length;
  step.gates.forEach((gate, g) => {
    if (!gate.paramGradients.some((p) => p.length > 0)) return;
    const before = matrices.slice(0, g).reduce<Matrix>((acc, m) => multiply(m, acc), identity(dim));
    const after = matrices.slice(g + 1).reduce<Matrix>((acc, m) => multiply(m, acc), identity(dim));
    const params = gate.params.map((f) => f(values));
    gate.paramGradients.forEach((chain, k) => {
      if (chain.length === 0) return;
      const d = multiply(after, multiply(gate.def!.derivative!(params, k), before));
      const dE = 2 * realContraction(d, sums);
      for (const { symbol, fn } of chain) gradient[symbol]! += dE * fn(values);
    });
  });
}
