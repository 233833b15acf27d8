// The WebAssembly SIMD kernels against the JavaScript ones they replace: the same inputs through
// both give the same bits (not merely close ones), kernel by kernel, through whole programs (cache
// blocking included) and on blocks of batched states. Plain arrays run JavaScript; arrays from
// allocateSimdAmplitudes run WebAssembly.
import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileCircuit, Rng, runProgram, StateVector } from "../../core/index.ts";
import { type GateStep, stepMatrix } from "../../core/program/compile.ts";
import { applyStep } from "../../core/program/run.ts";
import { apply1, applyDiagonal1, applyX } from "../../core/kernels/uniform.ts";
import { apply1Each, apply1EachSimd } from "../../core/kernels/per-element.ts";
import { allocateSimdAmplitudes, SIMD_MIN_AMPLITUDES, simdKernels } from "../../core/kernels/simd/memory.ts";
import { engineBits } from "./support/engine-bits.mts";
import { randomCircuit } from "./support/random-circuit.ts";

/** The same amplitudes twice: in a kernel memory (WebAssembly) and in plain arrays (JavaScript). */
function twin(size: number, rng: Rng) {
  const simd = allocateSimdAmplitudes(size)!;
  const plain = { re: new Float64Array(size), im: new Float64Array(size) };
  for (let i = 0; i < size; i++) {
    simd.re[i] = plain.re[i] = rng.nextFloat() - 0.5;
    simd.im[i] = plain.im[i] = rng.nextFloat() - 0.5;
  }
  return { simd, plain };
}

const expectSameBits = (a: { re: Float64Array; im: Float64Array }, b: { re: Float64Array; im: Float64Array }) => {
  expect(Array.from(a.re)).toEqual(Array.from(b.re));
  expect(Array.from(a.im)).toEqual(Array.from(b.im));
};

const randomMatrix = (rng: Rng, real: boolean) => Float64Array.from({ length: 8 }, (_, k) => (real && k % 2 ? 0 : rng.nextFloat() * 2 - 1));

describe("WebAssembly SIMD kernels", () => {
  it("are available here (Node's V8 has WebAssembly SIMD), so the tests below compare two real paths", () => {
    const arrays = allocateSimdAmplitudes(8);
    expect(arrays).toBeDefined();
    expect(simdKernels(arrays!.re, arrays!.im)).toBeDefined();
    expect(simdKernels(new Float64Array(8), new Float64Array(8))).toBeUndefined();
  });

  it("give the JavaScript kernels' bits for every qubit, control and block size they take", () => {
    const rng = new Rng(14);
    for (const block of [1, 2, 3, 4]) {
      for (let n = 1; n <= 6; n++) {
        for (let q = 0; q < n; q++) {
          for (const control of [-1, ...Array.from({ length: n }, (_, c) => c).filter((c) => c !== q)]) {
            const cmask = control < 0 ? 0 : 1 << control;
            for (const real of [true, false]) {
              const { simd, plain } = twin(block << n, rng);
              const m = randomMatrix(rng, real);
              if (cmask === 0) {
                apply1(simd.re, simd.im, block, q, m);
                apply1(plain.re, plain.im, block, q, m);
              }
              const phase = Float64Array.of(real ? 1 : m[0]!, real ? 0 : m[1]!, 0, 0, 0, 0, m[6]!, m[7]!);
              applyDiagonal1(simd.re, simd.im, block, q, phase, cmask);
              applyDiagonal1(plain.re, plain.im, block, q, phase, cmask);
              applyX(simd.re, simd.im, block, q, cmask);
              applyX(plain.re, plain.im, block, q, cmask);
              expectSameBits(simd, plain);
            }
          }
        }
      }
    }
  });

  it("run whole random programs to the same bits, with and without fusion and cache blocking", () => {
    fc.assert(
      fc.property(
        fc.record({ seed: fc.integer({ min: 0, max: 2 ** 31 }), n: fc.integer({ min: 1, max: 9 }), gates: fc.integer({ min: 0, max: 60 }), fuse: fc.boolean(), blockQubits: fc.integer({ min: 1, max: 9 }) }),
        ({ seed, n, gates, fuse, blockQubits }) => {
          const program = compileCircuit(randomCircuit(new Rng(seed), n, gates).circuit, { fuse });
          const { re, im } = allocateSimdAmplitudes(2 ** n)!;
          re[0] = 1;
          const simd = runProgram(program, new Float64Array(), new StateVector(n, re, im), { blockQubits }).state;
          const plainState = new StateVector(n, new Float64Array(2 ** n), new Float64Array(2 ** n));
          plainState.re[0] = 1;
          const plain = runProgram(program, new Float64Array(), plainState, { blockQubits }).state;
          expectSameBits(simd, plain);
        },
      ),
      { seed: 14, numRuns: 150 },
    );
  });

  it("give the same bits on blocks of batched states (amplitude i of element b at i·block + b)", () => {
    const rng = new Rng(15);
    for (let trial = 0; trial < 60; trial++) {
      const n = 1 + rng.nextInt(5), block = 1 + rng.nextInt(5);
      const program = compileCircuit(randomCircuit(rng, n, 30).circuit);
      const { simd, plain } = twin(block << n, rng);
      for (const step of program.steps as GateStep[]) {
        const matrix = step.structure === "x" || step.structure === "swap" ? undefined : stepMatrix(step, new Float64Array());
        applyStep(simd.re, simd.im, block, step, matrix);
        applyStep(plain.re, plain.im, block, step, matrix);
      }
      expectSameBits(simd, plain);
    }
  });

  it("give the same bits for a matrix per batch element (apply1Each, entry-major matrices in the state's memory)", () => {
    const rng = new Rng(16);
    for (const block of [2, 4, 6, 8]) {
      for (let n = 1; n <= 5; n++) {
        for (let q = 0; q < n; q++) {
          const { simd, plain } = twin(block << n, rng);
          const scratch = allocateSimdAmplitudes(block << n, 8 * block)!;
          scratch.re.set(simd.re);
          scratch.im.set(simd.im);
          const mats = Float64Array.from({ length: 8 * block }, () => rng.nextFloat() * 2 - 1);
          expect(apply1EachSimd(scratch.re, scratch.im, block, q, mats, 0, scratch.scratch)).toBe(true);
          apply1Each(plain.re, plain.im, block, q, mats);
          expectSameBits(scratch, plain);
        }
      }
    }
    // What it leaves to the JavaScript: an odd block, controls, a scratch area elsewhere.
    const { re, im, scratch } = allocateSimdAmplitudes(3 << 4, 24)!;
    expect(apply1EachSimd(re, im, 3, 1, new Float64Array(24), 0, scratch)).toBe(false);
    const even = allocateSimdAmplitudes(4 << 4, 32)!;
    expect(apply1EachSimd(even.re, even.im, 4, 1, new Float64Array(32), 1, even.scratch)).toBe(false);
    expect(apply1EachSimd(even.re, even.im, 4, 1, new Float64Array(32), 0, new Float64Array(32))).toBe(false);
  });

  it("fall back to the JavaScript kernels where there is no WebAssembly (node --jitless), with the same bits", () => {
    const here = engineBits();
    const out = execFileSync(process.execPath, ["--jitless", "--import", "tsx", "test/core/support/engine-bits.mts"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
    const without = JSON.parse(out) as ReturnType<typeof engineBits>;
    expect([here.simd, without.simd]).toEqual([true, false]);
    expect(without.re).toBe(here.re);
    expect(without.im).toBe(here.im);
  }, 30_000);

  it("back the states the engine makes from 2^10 amplitudes on; smaller ones keep plain arrays", () => {
    expect(SIMD_MIN_AMPLITUDES).toBe(1024);
    const big = StateVector.zero(10), small = StateVector.zero(9);
    expect(simdKernels(big.re, big.im)).toBeDefined();
    expect(simdKernels(small.re, small.im)).toBeUndefined();
    const copy = big.clone();
    expect(simdKernels(copy.re, copy.im)).toBeDefined();
    expect(copy.re.buffer).not.toBe(big.re.buffer);
    expect([big.re[0], big.norm(), copy.norm()]).toEqual([1, 1, 1]);
    const read = StateVector.fromAmplitudes(big.re, big.im);
    expect(simdKernels(read.re, read.im)).toBeDefined();
    expect(read.re[0]).toBe(1);
  });
});
