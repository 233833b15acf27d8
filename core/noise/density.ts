// Noisy simulation with the density matrix, exactly: ρ is held as a statevector of 2n qubits
// (entry ρ[r][c] at index r + 2^n·c), so a gate U is the engine's own kernel applied twice — U on
// the row qubits and its complex conjugate on the column qubits (U ρ U†) — and a channel is the
// sum of K ρ K† over its Kraus operators. Memory 16·4^n bytes: at most 10 qubits (16 MiB).
import type { Circuit } from "../circuit/circuit.ts";
import { CoreError } from "../errors.ts";
import type { Matrix } from "../gates/matrix.ts";
import { apply1 } from "../kernels/uniform.ts";
import { densityExpectation } from "../observables/pauli.ts";
import { type GateStep } from "../program/compile.ts";
import { applyStep, drain } from "../program/run.ts";
import { applyReadout, readoutConfusion } from "./model.ts";
import { compileNoisy } from "./program.ts";
import type { NoisyOptions, NoisyResult } from "./trajectories.ts";

/** Widest circuit the density matrix takes. */
export const DENSITY_MAX_QUBITS = 10;

export function simulateDensity(circuit: Circuit, options: NoisyOptions): NoisyResult {
  return drain(simulateDensityStepwise(circuit, options));
}

/** simulateDensity as a generator that yields after every gate and every channel (a server runs it in slices). Same result, bit for bit. */
export function* simulateDensityStepwise(circuit: Circuit, options: NoisyOptions): Generator<void, NoisyResult> {
  const n = circuit.numQubits;
  if (n > DENSITY_MAX_QUBITS) throw new CoreError("LIMIT_EXCEEDED", `the density matrix of ${n} qubits needs 4^${n} entries; it takes at most ${DENSITY_MAX_QUBITS} qubits (use trajectories)`);
  const steps = compileNoisy(circuit, options.noise, options.bindings);
  const dim = 2 ** n;
  let re = new Float64Array(dim * dim), im = new Float64Array(dim * dim);
  re[0] = 1;
  const conj = (m: Matrix) => m.map((x, i) => (i % 2 ? -x : x));
  const shifted = (step: GateStep): GateStep => ({ ...step, targets: step.targets.map((q) => q + n), cmask: step.cmask * dim });
  for (const { step, matrix, noise } of steps) {
    yield;
    applyStep(re, im, 1, step, matrix);
    applyStep(re, im, 1, shifted(step), matrix && conj(matrix));
    for (const site of noise) {
      yield;
      const outRe = new Float64Array(re.length), outIm = new Float64Array(im.length);
      for (const k of site.operators) {
        const r = re.slice(), i = im.slice();
        apply1(r, i, 1, site.qubit, k);
        apply1(r, i, 1, site.qubit + n, conj(k));
        for (let j = 0; j < r.length; j++) {
          outRe[j]! += r[j]!;
          outIm[j]! += i[j]!;
        }
      }
      [re, im] = [outRe, outIm];
    }
  }
  const probabilities = Float64Array.from({ length: dim }, (_, i) => re[i + dim * i]!);
  return {
    method: "densityMatrix",
    trajectories: 0,
    probabilities: applyReadout(probabilities, readoutConfusion(options.noise, n)),
    expectations: (options.observables ?? []).map((o) => ({ value: densityExpectation(re, im, n, o), standardError: 0 })),
  };
}
