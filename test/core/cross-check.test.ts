// 200 seeded random circuits (1–12 qubits, every gate kind) against the independent npm simulator
// `quantum-circuit`: every probability agrees to 1e-10.
import { describe, expect, it } from "vitest";
import { Rng, simulate } from "../../core/index.ts";
import { peerProbabilities } from "./support/peer.ts";
import { GATES, randomCircuit } from "./support/random-circuit.ts";

describe("cross-check against quantum-circuit", () => {
  it("agrees on 200 random circuits of up to 12 qubits to 1e-10", () => {
    const rng = new Rng(20261124);
    let worst = 0;
    const kinds = new Set<string>();
    for (let k = 0; k < 200; k++) {
      const n = 1 + (k % 12);
      const { circuit, peer } = randomCircuit(rng, n, 4 + 3 * n);
      for (const op of circuit.operations) if (op.kind === "gate") kinds.add(op.gate);
      const ours = simulate(circuit).probabilities();
      const theirs = peerProbabilities(n, peer);
      for (let i = 0; i < ours.length; i++) worst = Math.max(worst, Math.abs(ours[i]! - theirs[i]!));
      expect(worst, `circuit ${k} (${n} qubits)`).toBeLessThanOrEqual(1e-10);
    }
    expect([...kinds].sort()).toEqual(GATES.map((g) => g.name).sort());
    console.log(`cross-check: 200 circuits, ${kinds.size} gate kinds, worst probability difference ${worst.toExponential(2)}`);
  }, 120_000);
});
