// Invariants on random circuits (fast-check, fixed seeds): norm preserved, U⁻¹U = I, fusion and
// batching change nothing, and custom unitaries match the gates they copy.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  bindingValues, CircuitBuilder, compileCircuit, expectationBatch, gateDefinition, PauliSum, probabilitiesBatch, Rng,
  runProgram, simulate, simulateStepwise, symbol, binary, constant,
} from "../../core/index.ts";
import { randomCircuit } from "./support/random-circuit.ts";

const circuitArb = fc.record({ seed: fc.integer({ min: 0, max: 2 ** 31 }), n: fc.integer({ min: 1, max: 7 }), gates: fc.integer({ min: 0, max: 40 }) });
const build = ({ seed, n, gates }: { seed: number; n: number; gates: number }) => randomCircuit(new Rng(seed), n, gates).circuit;

describe("engine invariants", () => {
  it("a simulation run step by step (yielding between kernel steps) is the same, bit for bit, with shots", () => {
    fc.assert(
      fc.property(circuitArb, (c) => {
        const circuit = build(c);
        const steps = simulateStepwise(circuit, { shots: 64, seed: c.seed });
        let yields = 0, next = steps.next();
        for (; !next.done; next = steps.next()) yields++;
        const direct = simulate(circuit, { shots: 64, seed: c.seed });
        expect(Array.from(next.value.state.re)).toEqual(Array.from(direct.state.re));
        expect(Array.from(next.value.state.im)).toEqual(Array.from(direct.state.im));
        expect(next.value.counts()).toEqual(direct.counts());
        expect(yields).toBeGreaterThanOrEqual(c.gates > 0 ? 1 : 0);
      }),
      { seed: 12, numRuns: 100 },
    );
  });

  it("preserves the norm", () => {
    fc.assert(fc.property(circuitArb, (c) => { expect(simulate(build(c)).state.norm()).toBeCloseTo(1, 12); }), { seed: 10, numRuns: 150 });
  });

  it("the inverse circuit returns |0…0⟩", () => {
    fc.assert(
      fc.property(circuitArb, (c) => {
        const circuit = build(c);
        const roundTrip = new CircuitBuilder(circuit.numQubits).append(circuit).append(circuit.inverse()).build();
        expect(simulate(roundTrip).probabilities()[0]).toBeCloseTo(1, 12);
      }),
      { seed: 11, numRuns: 150 },
    );
  });

  it("fusion does not change the state", () => {
    fc.assert(
      fc.property(circuitArb, (c) => {
        const circuit = build(c);
        const fused = runProgram(compileCircuit(circuit), new Float64Array()).state;
        const plain = runProgram(compileCircuit(circuit, { fuse: false }), new Float64Array()).state;
        for (let i = 0; i < fused.size; i++) {
          expect(Math.abs(fused.re[i]! - plain.re[i]!)).toBeLessThan(1e-12);
          expect(Math.abs(fused.im[i]! - plain.im[i]!)).toBeLessThan(1e-12);
        }
      }),
      { seed: 12, numRuns: 150 },
    );
  });

  it("every gate as a custom unitary gives the same state", () => {
    fc.assert(
      fc.property(circuitArb, (c) => {
        const circuit = build(c);
        const b = new CircuitBuilder(circuit.numQubits);
        for (const op of circuit.operations) {
          if (op.kind !== "gate") continue;
          b.unitary(gateDefinition(op.gate)!.matrix(op.params as number[]), [...op.controls, ...op.qubits], op.gate);
        }
        const a = simulate(circuit).statevector(), u = simulate(b.build()).statevector();
        for (let i = 0; i < a.re.length; i++) expect(Math.abs(a.re[i]! - u.re[i]!) + Math.abs(a.im[i]! - u.im[i]!)).toBeLessThan(1e-12);
      }),
      { seed: 13, numRuns: 100 },
    );
  });
});

describe("batched evaluation", () => {
  // Inputs x0..x3 vary per row (angle encoding); weights w0..w7 are shared, as in serving.
  const n = 4;
  const x = (q: number) => symbol(`x${q}`);
  const w = (k: number) => symbol(`w${k}`);
  const b = new CircuitBuilder(n);
  for (let q = 0; q < n; q++) b.ry(binary("*", constant(Math.PI), x(q)), q);
  for (let q = 0; q < n; q++) b.ry(w(q), q).rz(w(q + 4), q);
  for (let q = 0; q < n; q++) b.cx(q, (q + 1) % n);
  b.crx(binary("+", x(0), w(1)), 0, 3).rzz(w(2), 1, 2);
  const circuit = b.build();
  const program = compileCircuit(circuit);
  const observables = [PauliSum.parse("Z0"), PauliSum.parse("0.5*X1 Y2 - Z3")];

  it("matches one-at-a-time evaluation, in chunks of any size", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 16 }), fc.integer({ min: 0, max: 1000 }), (count, chunkSize, seed) => {
        const rng = new Rng(seed);
        const weights = Array.from({ length: 8 }, () => rng.nextFloat() * 6 - 3);
        const rows = new Float64Array(count * program.symbols.length);
        const bindingsOf: Record<string, number>[] = [];
        for (let r = 0; r < count; r++) {
          const bindings: Record<string, number> = {};
          weights.forEach((v, k) => { bindings[`w${k}`] = v; });
          for (let q = 0; q < n; q++) bindings[`x${q}`] = rng.nextFloat();
          rows.set(bindingValues(program, bindings), r * program.symbols.length);
          bindingsOf.push(bindings);
        }
        const batched = expectationBatch(program, rows, count, observables, { chunkSize });
        const probabilities = probabilitiesBatch(program, rows, count, { chunkSize });
        bindingsOf.forEach((bindings, r) => {
          const single = simulate(circuit, { bindings });
          observables.forEach((o, k) => expect(batched[r * 2 + k]).toBeCloseTo(single.expectation(o), 12));
          single.probabilities().forEach((p, i) => expect(probabilities[r * 16 + i]).toBeCloseTo(p, 12));
        });
      }),
      { seed: 14, numRuns: 40 },
    );
  });
});

describe("cache blocking", () => {
  // Blocks of 2^b amplitudes with b below the circuit width exercise the blocked paths on small states.
  it("blocked runs equal unblocked runs, for every block size", () => {
    fc.assert(
      fc.property(circuitArb, fc.integer({ min: 1, max: 6 }), (c, blockQubits) => {
        const program = compileCircuit(build(c));
        const plain = runProgram(program, new Float64Array(), undefined, { blockQubits: 30 }).state;
        const blocked = runProgram(program, new Float64Array(), undefined, { blockQubits }).state;
        for (let i = 0; i < plain.size; i++) {
          expect(Math.abs(plain.re[i]! - blocked.re[i]!) + Math.abs(plain.im[i]! - blocked.im[i]!)).toBeLessThan(1e-12);
        }
      }),
      { seed: 15, numRuns: 150 },
    );
  });
});
