// Exact gradients of ⟨ψ(θ)|O|ψ(θ)⟩ by the adjoint method (Jones & Gacon, 2020): one forward run,
// then one backward sweep carrying ψ and λ = O·ψ. Each fused step is un-applied once; the
// gradients of all its parameters come from one reduction S = Σ conj(λ)·φ over its subspace,
// because ⟨λ|D|φ⟩ = Σ D·S for any matrix D on the step's qubits. Low-qubit steps are swept block
// by block, like the forward pass (program/schedule.ts). Cost ≈ 3–4 forward passes, whatever the
// number of parameters.
import { CoreError } from "../errors.ts";
import { adjoint, identity, type Matrix, multiply } from "../gates/matrix.ts";
import { backward1, outerSums, realContraction } from "../kernels/reduce.ts";
import { applyObservableBlock, type PauliSum } from "../observables/pauli.ts";
import { type GateStep, gateMatrix, type Program } from "../program/compile.ts";
import { applyStep, runProgram } from "../program/run.ts";
import { DEFAULT_BLOCK_QUBITS, schedule } from "../program/schedule.ts";
import { StateVector } from "../state.ts";

export interface GradientResult {
  /** ⟨O⟩ at these parameter values. */
  value: number;
  /** ∂⟨O⟩/∂symbol, in program.symbols order. */
  gradient: Float64Array;
}

/** What the backward sweep needs of one step, for the current parameter values. */
interface BackwardStep {
  step: GateStep;
  /** Each gate's matrix, in order (undefined for the pure NOT/swap kernels). */
  matrices?: Matrix[];
  /** The inverse of the whole step. */
  inverse?: Matrix;
  /** Σ conj(λ)·φ over the step's subspace, when the step has parameters. */
  sums?: Float64Array;
}

export function adjointGradient(program: Program, values: Float64Array, observable: PauliSum, options: { maxQubits?: number; blockQubits?: number } = {}): GradientResult {
  if (program.hasNonUnitary) {
    throw new CoreError("CIRCUIT_INVALID", "adjoint gradients need a circuit without mid-circuit measurement, reset or conditions");
  }
  const blockQubits = options.blockQubits ?? DEFAULT_BLOCK_QUBITS;
  const psi = runProgram(program, values, undefined, options).state;
  const lambda = StateVector.empty(psi.numQubits);
  applyObservableBlock(psi.re, psi.im, 1, observable, lambda.re, lambda.im);
  const value = psi.inner(lambda)[0];
  const gradient = new Float64Array(program.symbols.length);

  const scheduled = schedule(program, blockQubits);
  for (let s = scheduled.length - 1; s >= 0; s--) {
    const entry = scheduled[s]!;
    const steps = (entry.kind === "blocked" ? entry.steps : [entry.step as GateStep]).map((step) => prepare(step, values));
    const blockSize = entry.kind === "blocked" ? 2 ** blockQubits : psi.size;
    for (let base = 0; base < psi.size; base += blockSize) {
      const pr = psi.re.subarray(base, base + blockSize), pi = psi.im.subarray(base, base + blockSize);
      const lr = lambda.re.subarray(base, base + blockSize), li = lambda.im.subarray(base, base + blockSize);
      for (let k = steps.length - 1; k >= 0; k--) {
        const { step, inverse, sums } = steps[k]!;
        if (inverse && step.targets.length === 1 && step.cmask === 0) {
          backward1(pr, pi, lr, li, step.targets[0]!, inverse, sums); // the common case, in one pass
          continue;
        }
        applyStep(pr, pi, 1, step, inverse); // ψ becomes φ, the state before this step
        if (sums) outerSums(lr, li, pr, pi, step.targets, step.cmask, sums);
        applyStep(lr, li, 1, step, inverse);
      }
    }
    for (const prepared of steps) if (prepared.sums) accumulateStepGradient(prepared, values, gradient);
  }
  return { value, gradient };
}

function prepare(step: GateStep, values: Float64Array): BackwardStep {
  if (step.structure === "x" || step.structure === "swap") return { step }; // self-inverse, no parameters
  const matrices = step.gates.map((g) => gateMatrix(g, values));
  const full = matrices.reduce<Matrix>((acc, m) => multiply(m, acc), identity(1 << step.targets.length));
  const parametric = step.gates.some((g) => g.paramGradients.some((p) => p.length > 0));
  return { step, matrices, inverse: adjoint(full), sums: parametric ? new Float64Array(2 * 4 ** step.targets.length) : undefined };
}

/** For each parametric gate in the step: 2·Re⟨λ|after·∂G·before|φ⟩, chained to the symbols. */
function accumulateStepGradient({ step, matrices, sums }: BackwardStep, values: Float64Array, gradient: Float64Array): void {
  const dim = 1 << step.targets.length;
  step.gates.forEach((gate, g) => {
    if (!gate.paramGradients.some((p) => p.length > 0)) return;
    const before = matrices!.slice(0, g).reduce<Matrix>((acc, m) => multiply(m, acc), identity(dim));
    const after = matrices!.slice(g + 1).reduce<Matrix>((acc, m) => multiply(m, acc), identity(dim));
    const params = gate.params.map((f) => f(values));
    gate.paramGradients.forEach((chain, k) => {
      if (chain.length === 0) return;
      const d = multiply(after, multiply(gate.def!.derivative!(params, k), before));
      const dE = 2 * realContraction(d, sums!);
      for (const { symbol, fn } of chain) gradient[symbol]! += dE * fn(values);
    });
  });
}
