// Training for a noisy device in ml/: the parameter-shift gradient of a noisy circuit against
// finite differences of the same noisy values, a circuit whose weights cannot be shifted refused,
// and a classifier trained under noise evaluated under the same noise.
import { describe, expect, it } from "vitest";
import { PauliSum, type NoiseModel, type NoisyRun } from "../../core/index.ts";
import { irisSplit, startTraining, trainToEnd, VariationalCircuit, VariationalClassifier } from "../../ml/index.ts";

const model: NoiseModel = {
  gates: [
    { channel: { kind: "depolarizing", probability: 0.03 } },
    { channel: { kind: "amplitudeDamping", gamma: 0.05 }, gates: ["cx"] },
  ],
  readout: [],
};
const noise: NoisyRun = { noise: model };

describe("gradients under noise", () => {
  it("the parameter-shift rule on noisy ⟨O⟩ equals finite differences of it", () => {
    const circuit = new VariationalCircuit(3, 3, 6, (b, inputs, weights) => {
      for (let q = 0; q < 3; q++) b.ry(inputs[q]!, q).rz(weights[q]!, q);
      b.cx(0, 1).cx(1, 2);
      for (let q = 0; q < 3; q++) b.ry(weights[3 + q]!, q);
    });
    const input = [0.3, -0.7, 1.1], weights = Float64Array.from([0.2, -0.4, 0.9, 0.5, -1.2, 0.1]);
    const observable = PauliSum.parse("0.7*Z0 + Z1 Z2 - 0.2*X2");
    const { value, dWeights } = circuit.noisyWeightGradient(input, weights, observable, noise, 0);
    const at = (w: Float64Array) => circuit.noisyExpectations(input, w, [observable], noise, 0).values[0]!;
    expect(value).toBeCloseTo(at(weights), 14);
    const h = 1e-5;
    weights.forEach((_, j) => {
      const plus = Float64Array.from(weights), minus = Float64Array.from(weights);
      plus[j]! += h;
      minus[j]! -= h;
      expect(dWeights[j]).toBeCloseTo((at(plus) - at(minus)) / (2 * h), 7);
    });
  });

  it("refuses a circuit whose weight is not one rotation's whole angle", () => {
    const circuit = new VariationalCircuit(1, 0, 1, (b, _inputs, weights) => { b.ry(weights[0]!, 0).rz(weights[0]!, 0); });
    expect(() => circuit.noisyWeightGradient([], [0.1], PauliSum.parse("Z0"), noise, 0)).toThrow("training under noise needs each weight to be one rotation's angle");
  });
});

describe("a classifier trained under noise", () => {
  it("learns Iris through the noise, and its noisy accuracy is what it reports", () => {
    const split = irisSplit();
    const model = VariationalClassifier.create(split.train.rows, { classes: split.classes, ansatz: { kind: "realAmplitudes", reps: 1, entanglement: "linear" } });
    const checkpoint = trainToEnd(model.objective(split.train, split.validation, noise), startTraining(model.initialParams(1), { optimizer: { kind: "adam", learningRate: 0.1 }, maxEpochs: 8, batchSize: 16, seed: 1 }));
    const params = Float64Array.from(checkpoint.best.params);
    const noisy = model.probabilities(params, split.test.rows, noise);
    let correct = 0;
    split.test.labels.forEach((y, i) => {
      const p = Array.from(noisy.subarray(i * 3, i * 3 + 3));
      if (p.indexOf(Math.max(...p)) === y) correct++;
    });
    expect(correct / split.test.labels.length).toBeGreaterThan(0.8);
    expect(checkpoint.history.at(-1)!.trainLoss).toBeLessThan(checkpoint.history[0]!.trainLoss);
  });
});
