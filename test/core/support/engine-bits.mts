// Runs a fixed 11-qubit circuit and prints whether the state had WebAssembly kernels and the
// state's exact bits (base64 of its re and im). test/core/simd-kernels.test.ts runs it in a child
// Node with --jitless (no WebAssembly at all) and compares with the same run in its own process.
import { CircuitBuilder, simulate, StateVector } from "../../../core/index.ts";
import { simdKernels } from "../../../core/kernels/simd/memory.ts";

export function engineBits() {
  const c = new CircuitBuilder(11);
  for (let q = 0; q < 11; q++) c.h(q).rz(0.1 * q + 0.05, q).ry(0.3 - 0.02 * q, q);
  for (let q = 0; q < 10; q++) c.cx(q, q + 1).cp(0.7, q + 1, q);
  const { state } = simulate(c.build());
  const probe = StateVector.zero(11);
  const bits = (a: Float64Array) => Buffer.from(Float64Array.from(a).buffer).toString("base64");
  return { simd: simdKernels(probe.re, probe.im) !== undefined, re: bits(state.re), im: bits(state.im) };
}

if (process.argv[1]?.endsWith("engine-bits.mts")) process.stdout.write(JSON.stringify(engineBits()));
