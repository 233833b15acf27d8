// Standard algorithms written as OpenQASM files (test/fixtures/qasm/), read by our readers and
// checked against their textbook outcomes.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseQasm, simulate, toQasm2, toQasm3 } from "../../core/index.ts";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "../fixtures/qasm", name), "utf8");

describe("standard algorithms from OpenQASM files", () => {
  it("QFT|5> on 4 qubits has amplitudes exp(2πi·5k/16)/4", () => {
    const { re, im } = simulate(parseQasm(fixture("qft_4.qasm"))).statevector();
    for (let k = 0; k < 16; k++) {
      const phase = (2 * Math.PI * 5 * k) / 16;
      expect(re[k]).toBeCloseTo(Math.cos(phase) / 4, 12);
      expect(im[k]).toBeCloseTo(Math.sin(phase) / 4, 12);
    }
  });

  it("Grover finds |101> with probability sin²(5·asin(1/√8)) after two iterations", () => {
    const result = simulate(parseQasm(fixture("grover_3.qasm")), { shots: 2000, seed: 7 });
    const expected = Math.sin(5 * Math.asin(1 / Math.sqrt(8))) ** 2;
    expect(result.probabilities()[0b101]).toBeCloseTo(expected, 12);
    const counts = result.counts();
    expect(counts["101"]! / 2000).toBeGreaterThan(expected - 0.03); // 6σ of the binomial spread
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(2000);
  });

  it("Bernstein–Vazirani reads the secret 1011 on every shot", () => {
    const circuit = parseQasm(fixture("bernstein_vazirani_5.qasm"));
    expect(circuit.qregs.map((r) => r.name)).toEqual(["data", "ancilla"]);
    expect(simulate(circuit, { shots: 100, seed: 1 }).counts()).toEqual({ "1011": 100 });
  });

  it.each([
    ["teleportation.qasm", {}],
    ["teleportation.qasm3", { theta: 1.1 }],
  ])("%s teleports ry(1.1)|0> whatever Alice measures", (file, bindings) => {
    const circuit = parseQasm(fixture(file));
    expect(circuit.hasMidCircuitMeasurement()).toBe(true);
    const p1 = Math.sin(0.55) ** 2;
    // Without Bob's final measurement, every trajectory leaves q[2] in the teleported state,
    // so its marginal is exact whichever outcomes the seed picks.
    const beforeBobMeasures = circuit.withOperations(circuit.operations.slice(0, -1));
    for (const seed of [1, 2, 3]) {
      expect(simulate(beforeBobMeasures, { bindings, shots: 50, seed }).marginal([2])[1]).toBeCloseTo(p1, 12);
      // Alice's two bits are uniformly random; Bob's bit follows the teleported state.
      const result = simulate(circuit, { bindings, shots: 400, seed });
      const bobOnes = Object.entries(result.counts())
        .filter(([bits]) => bits.startsWith("1"))
        .reduce((sum, [, count]) => sum + count, 0);
      expect(Math.abs(bobOnes / 400 - p1)).toBeLessThan(0.14); // 6σ of the binomial spread
    }
  });

  it("each survives a write in OpenQASM 2 and 3 and a read back", () => {
    for (const file of ["qft_4.qasm", "grover_3.qasm", "bernstein_vazirani_5.qasm"]) {
      const original = simulate(parseQasm(fixture(file))).probabilities();
      for (const write of [toQasm2, toQasm3]) {
        const again = simulate(parseQasm(write(parseQasm(fixture(file))))).probabilities();
        again.forEach((p, i) => expect(p).toBeCloseTo(original[i]!, 12));
      }
    }
  });
});
