// The regressor's readouts (Σ w_k⟨Z_k⟩ + b, with ⟨Z_k Z_k+1⟩ pairs, or ⟨Z_0⟩ alone), data
// re-uploading and the Huber loss: gradients that match finite differences, old versions that
// predict as before, and the benchmark's claim on Iris (seeded, deterministic).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { friedman1, friedman3, irisPetalWidth, ridgeMetrics, quantumMetrics, splitTable, trainRegressor } from "../../ml/experiments/regression.ts";
import { regressionLoss, VariationalRegressor, type RegressorSpec } from "../../ml/models/regressor.ts";
import { conformalHalfWidth, modelFromSpec } from "../../ml/index.ts";

const split = splitTable(irisPetalWidth());
const h = 1e-5;

function randomParams(model: VariationalRegressor, seed: number): Float64Array {
  const params = model.initialParams(seed);
  // Readout weights away from their start, so every term of the readout counts.
  for (let k = model.quantum.numWeights; k < params.length; k++) params[k] = 0.3 + 0.1 * (k % 5) - 0.2 * (k % 2);
  return params;
}

describe("regression readouts and re-uploading", () => {
  it.each([
    ["linear", false],
    ["linearPairs", true],
    ["z0", true],
  ] as const)("%s readout (re-uploading %s): the feature gradient is the finite difference of the prediction", (readout, reupload) => {
    const model = VariationalRegressor.create(split.train, { readout, reupload, ansatz: { kind: "realAmplitudes", reps: 2, entanglement: "linear" } });
    const params = randomParams(model, 4);
    const row = split.test.rows[2]!;
    const { value, gradient } = model.valueGradient(params, row);
    expect(value).toBeCloseTo(model.predictAll(params, [row])[0]!, 10);
    row.forEach((_, j) => {
      const up = [...row], down = [...row];
      up[j]! += h;
      down[j]! -= h;
      const numeric = (model.predictAll(params, [up])[0]! - model.predictAll(params, [down])[0]!) / (2 * h);
      expect(gradient[j]).toBeCloseTo(numeric, 5);
    });
  });

  it("re-uploading repeats the encoding before each ansatz layer, each layer with its own weights", () => {
    const once = VariationalRegressor.create(split.train, { ansatz: { kind: "realAmplitudes", reps: 3, entanglement: "linear" } });
    const again = VariationalRegressor.create(split.train, { reupload: true, ansatz: { kind: "realAmplitudes", reps: 3, entanglement: "linear" } });
    const encodings = (model: VariationalRegressor) => model.quantum.circuit.circuit.operations.filter((op) => JSON.stringify(op).includes('"in0"')).length;
    expect(encodings(again)).toBe(3 * encodings(once));
    expect(again.quantum.numWeights).toBe(3 * 2 * 3); // three one-rep layers of 2 × 3 rotations
    expect(once.quantum.numWeights).toBe(4 * 3);
  });

  it.each(["mse", "huber"] as const)("the %s objective's gradient (circuit and readout) is its finite difference", (loss) => {
    const model = VariationalRegressor.create(split.train, { readout: "linearPairs", reupload: true, loss, ansatz: { kind: "realAmplitudes", reps: 1, entanglement: "linear" } });
    const objective = model.objective(split.train);
    const params = randomParams(model, 9);
    const batch = [0, 3, 7, 11, 19];
    const options = { method: "adjoint" as const, shots: 0, seed: 0 };
    const gradient = new Float64Array(params.length);
    objective.loss(params, batch, options, gradient);
    for (let j = 0; j < params.length; j++) {
      const up = Float64Array.from(params), down = Float64Array.from(params);
      up[j]! += h;
      down[j]! -= h;
      expect(gradient[j]).toBeCloseTo((objective.loss(up, batch, options) - objective.loss(down, batch, options)) / (2 * h), 5);
    }
  });

  it("Huber is the squared error within one standard deviation and linear (continuous) beyond", () => {
    expect(regressionLoss("huber", 0.5)).toEqual(regressionLoss("mse", 0.5));
    expect(regressionLoss("huber", 3)).toEqual({ loss: 5, dr: 2 });
    expect(regressionLoss("huber", -3)).toEqual({ loss: 5, dr: -2 });
    expect(regressionLoss("huber", 1 + 1e-9).loss).toBeCloseTo(regressionLoss("mse", 1).loss, 6);
  });

  it("a version saved before readouts existed (no readout in its spec) predicts as it did: μ + σ(s⟨Z₀⟩ + b)", () => {
    const current = VariationalRegressor.create(split.train, { readout: "z0" });
    const { readout: _readout, loss: _loss, ...old } = current.toJSON();
    const restored = modelFromSpec(JSON.parse(JSON.stringify(old)) as RegressorSpec) as VariationalRegressor;
    expect(restored.numParams).toBe(restored.quantum.numWeights + 2);
    const params = randomParams(restored, 2);
    const W = restored.quantum.numWeights;
    const z0 = restored.quantum.circuit.expectations(restored.quantum.inputs([split.test.rows[0]!]), 1, params.subarray(0, W), restored.observables)[0]!;
    expect(restored.predictAll(params, [split.test.rows[0]!])[0]).toBeCloseTo(old.targetMean + old.targetStd * (params[W]! * z0 + params[W + 1]!), 12);
  });

  it("a linear readout's shot interval holds the prediction and narrows with more shots", () => {
    const model = VariationalRegressor.create(split.train);
    const params = randomParams(model, 5);
    const few = model.predict(params, split.test.rows[0]!, { shots: 100, seed: 1 }).shotInterval!;
    const many = model.predict(params, split.test.rows[0]!, { shots: 10_000, seed: 1 }).shotInterval!;
    expect(many.high - many.low).toBeLessThan(few.high - few.low);
    const value = model.predict(params, split.test.rows[0]!, { shots: 10_000, seed: 1 }).value;
    expect(value).toBeGreaterThanOrEqual(many.low);
    expect(value).toBeLessThanOrEqual(many.high);
  });
});

describe("split-conformal bands", () => {
  it("the half-width is one of the residuals, with at least ⌈(n + 1)·level⌉ of them (or all) inside it", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 200 }), fc.double({ min: 0.5, max: 0.99, noNaN: true }), (residuals, level) => {
        const q = conformalHalfWidth(residuals, level);
        expect(residuals.map(Math.abs)).toContain(q);
        const inside = residuals.filter((r) => Math.abs(r) <= q).length;
        expect(inside).toBeGreaterThanOrEqual(Math.min(residuals.length, Math.ceil((residuals.length + 1) * level)));
      }),
      { seed: 42, numRuns: 300 },
    );
  });
});

describe("the regression benchmark's claims (npm run bench:ml), seeded", () => {
  it("Iris petal width: the linear readout is within 0.03 R² of ridge regression, and beats ⟨Z₀⟩ alone", () => {
    const ridge = ridgeMetrics(split);
    const linear = quantumMetrics(split, trainRegressor(split, { name: "linear", readout: "linear", reupload: false }));
    const z0 = quantumMetrics(split, trainRegressor(split, { name: "z0", readout: "z0", reupload: false }));
    expect(linear.r2).toBeGreaterThan(ridge.r2 - 0.03);
    expect(linear.r2).toBeGreaterThan(z0.r2 + 0.05);
  });

  it("Friedman #3: the linear readout is within 0.03 R² of ridge regression, its band covering ≥ 90 % of the test rows", () => {
    const table = splitTable(friedman3());
    const linear = quantumMetrics(table, trainRegressor(table, { name: "linear", readout: "linear", reupload: false }));
    expect(linear.r2).toBeGreaterThan(ridgeMetrics(table).r2 - 0.03);
    expect(linear.coverage).toBeGreaterThanOrEqual(0.9);
  });

  it("Friedman #1 (10 features): the linear readout is within 0.03 R² of ridge regression", () => {
    const table = splitTable(friedman1());
    const linear = quantumMetrics(table, trainRegressor(table, { name: "linear", readout: "linear", reupload: false }));
    expect(linear.r2).toBeGreaterThan(ridgeMetrics(table).r2 - 0.03);
  }, 60_000);
});
