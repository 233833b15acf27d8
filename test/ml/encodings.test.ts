// Encodings prepare the states they promise; ansatzes have the documented structure and parameter counts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CircuitBuilder, simulate, symbol } from "../../core/index.ts";
import {
  AmplitudeEncoding,
  AngleEncoding,
  EfficientSU2,
  entanglementPairs,
  IqpEncoding,
  RealAmplitudes,
  StronglyEntanglingLayers,
  VariationalCircuit,
  ZZFeatureMap,
  type Encoding,
} from "../../ml/index.ts";

function encodedState(encoding: Encoding, features: number[]) {
  const circuit = new VariationalCircuit(encoding.numQubits, encoding.numInputs, 0, (b, inputs) => encoding.apply(b, inputs));
  const inputs = new Float64Array(encoding.numInputs);
  encoding.inputsOf(features, inputs);
  return circuit.state(inputs);
}

describe("encodings", () => {
  it("amplitude encoding prepares x/|x| exactly, signs included (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 2, maxLength: 16 }), (x) => {
        const norm = Math.hypot(...x);
        fc.pre(norm > 1e-3);
        const state = encodedState(new AmplitudeEncoding(x.length), x);
        for (let i = 0; i < state.size; i++) {
          expect(state.re[i]).toBeCloseTo(i < x.length ? x[i]! / norm : 0, 10);
          expect(state.im[i]).toBeCloseTo(0, 12);
        }
      }),
      { numRuns: 200, seed: 11 },
    );
  });

  it("amplitude encoding uses ⌈log2 d⌉ qubits and 2^n − 1 angles", () => {
    expect(new AmplitudeEncoding(4)).toMatchObject({ numQubits: 2, numInputs: 3 });
    expect(new AmplitudeEncoding(5)).toMatchObject({ numQubits: 3, numInputs: 7 });
  });

  it("angle encoding: ry(x)|0> on each qubit, a product state", () => {
    const x = [0.3, 1.2, 2.5];
    const state = encodedState(new AngleEncoding(3), x);
    for (let i = 0; i < 8; i++) {
      const expected = x.reduce((amp, xi, q) => amp * ((i >> q) & 1 ? Math.sin(xi / 2) : Math.cos(xi / 2)), 1);
      expect(state.re[i]).toBeCloseTo(expected, 12);
    }
  });

  it("ZZ feature map matches Qiskit's construction gate by gate", () => {
    const x = [0.4, 1.1];
    const direct = new CircuitBuilder(2);
    for (let r = 0; r < 2; r++) {
      direct.h(0).h(1).p(2 * x[0]!, 0).p(2 * x[1]!, 1);
      direct.cx(0, 1).p(2 * (Math.PI - x[0]!) * (Math.PI - x[1]!), 1).cx(0, 1);
    }
    const expected = simulate(direct.build()).statevector();
    const state = encodedState(new ZZFeatureMap(2, 2), x);
    for (let i = 0; i < 4; i++) {
      expect(state.re[i]).toBeCloseTo(expected.re[i]!, 12);
      expect(state.im[i]).toBeCloseTo(expected.im[i]!, 12);
    }
  });

  it("IQP encoding: H, RZ(x_i), RZZ(x_i·x_j) per repetition", () => {
    const x = [0.7, -0.2, 1.3];
    const b = new CircuitBuilder(3);
    for (let q = 0; q < 3; q++) b.h(q).rz(x[q]!, q);
    b.rzz(x[0]! * x[1]!, 0, 1).rzz(x[0]! * x[2]!, 0, 2).rzz(x[1]! * x[2]!, 1, 2);
    const expected = simulate(b.build()).statevector();
    const state = encodedState(new IqpEncoding(3, 1), x);
    for (let i = 0; i < 8; i++) expect([state.re[i], state.im[i]]).toEqual([expect.closeTo(expected.re[i]!, 12), expect.closeTo(expected.im[i]!, 12)]);
  });
});

describe("ansatzes", () => {
  it.each([
    [new RealAmplitudes(4, 3), 16],
    [new EfficientSU2(4, 2), 24],
    [new StronglyEntanglingLayers(4, 2), 24],
    [new RealAmplitudes(5, 1, "full"), 10],
  ])("%o has its documented parameter count", (ansatz, count) => {
    expect(ansatz.numWeights).toBe(count);
    const weights = Array.from({ length: ansatz.numWeights }, (_, k) => symbol(`w${k}`));
    const builder = new CircuitBuilder(ansatz.numQubits);
    ansatz.apply(builder, weights);
    expect(builder.build().parameters).toHaveLength(count);
  });

  it("entanglement patterns", () => {
    expect(entanglementPairs(4, "linear")).toEqual([[0, 1], [1, 2], [2, 3]]);
    expect(entanglementPairs(4, "ring")).toEqual([[0, 1], [1, 2], [2, 3], [3, 0]]);
    expect(entanglementPairs(3, "full")).toEqual([[0, 1], [0, 2], [1, 2]]);
  });

  it("StronglyEntanglingLayers uses CNOT range (ℓ mod (n−1)) + 1, as PennyLane does", () => {
    const ansatz = new StronglyEntanglingLayers(4, 3);
    const builder = new CircuitBuilder(4);
    ansatz.apply(builder, Array.from({ length: ansatz.numWeights }, () => 0.1));
    const cnots = builder.build().operations.filter((op) => op.kind === "gate" && op.gate === "cx").map((op) => (op.kind === "gate" ? op.qubits : []));
    expect(cnots).toEqual([
      [0, 1], [1, 2], [2, 3], [3, 0],
      [0, 2], [1, 3], [2, 0], [3, 1],
      [0, 3], [1, 0], [2, 1], [3, 2],
    ]);
  });
});
