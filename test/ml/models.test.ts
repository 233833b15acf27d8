// Predictions with uncertainty, explanations, and models that survive storage.
import { describe, expect, it } from "vitest";
import {
  checkExplanation,
  decodeParams,
  encodeParams,
  explain,
  irisKernel,
  irisRegression,
  irisSplit,
  irisVqc,
  modelFromSpec,
  QuantumRecommender,
  generatePreferences,
  VariationalClassifier,
  VariationalRegressor,
  type ModelSpec,
} from "../../ml/index.ts";

const vqc = irisVqc();
const split = irisSplit();
const flower = split.test.rows[20]!;

describe("predictions with uncertainty", () => {
  it("shot noise gives a Wilson band around each class probability, seeded", () => {
    const exact = vqc.model.predict(vqc.params, flower);
    const noisy = vqc.model.predict(vqc.params, flower, { shots: 1000, seed: 4 });
    expect(noisy.shotInterval!.low.every((low, k) => low <= exact.probabilities[k]! + 1e-12)).toBe(true);
    expect(noisy.shotInterval!.high.every((high, k) => high >= exact.probabilities[k]! - 1e-12)).toBe(true);
    expect(vqc.model.predict(vqc.params, flower, { shots: 1000, seed: 4 })).toEqual(noisy);
    expect(noisy.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("a snapshot ensemble reports the spread of each class probability", () => {
    const members = vqc.checkpoint.snapshots.map((p) => Float64Array.from(p));
    const p = vqc.model.predict(vqc.params, flower, { ensemble: members });
    expect(p.ensemble!.mean).toHaveLength(3);
    p.ensemble!.mean.forEach((m, k) => {
      expect(p.ensemble!.low[k]).toBeLessThanOrEqual(m);
      expect(p.ensemble!.high[k]).toBeGreaterThanOrEqual(m);
    });
  });
});

describe("explanations", () => {
  const baseline = vqc.model.quantum.scaler.spec.min.map((min, j) => (min + vqc.model.quantum.scaler.spec.max[j]!) / 2);
  const f = (row: readonly number[]) => vqc.model.classProbabilityGradient(vqc.params, row, 2);

  it("the gradient through encoding and scaler is exact (finite differences)", () => {
    const { gradient } = f(flower);
    const h = 1e-5;
    flower.forEach((_, j) => {
      const up = [...flower], down = [...flower];
      up[j]! += h;
      down[j]! -= h;
      expect(gradient[j]).toBeCloseTo((f(up).value - f(down).value) / (2 * h), 6);
    });
  });

  it("integrated gradients add up to f(x) − f(baseline)", () => {
    const e = explain(f, flower, baseline, "integratedGradients", 64);
    expect(Math.abs(e.completenessGap)).toBeLessThan(2e-3);
    expect(e.attributions).toHaveLength(4);
    const g = explain(f, flower, baseline, "gradientTimesInput");
    expect(g.value).toBe(e.value);
  });

  it("works through amplitude encoding and for regressors", () => {
    const data = { rows: split.train.rows.map((r) => r.slice(0, 3)), labels: split.train.rows.map((r) => r[3]!) };
    const model = VariationalRegressor.create(data, { encoding: { kind: "amplitude", numFeatures: 3 }, ansatz: { numQubits: 2 } });
    const params = model.initialParams(3);
    const g = (row: readonly number[]) => model.valueGradient(params, row);
    const row = data.rows[5]!;
    const h = 1e-5;
    row.forEach((_, j) => {
      const up = [...row], down = [...row];
      up[j]! += h;
      down[j]! -= h;
      expect(g(row).gradient[j]).toBeCloseTo((g(up).value - g(down).value) / (2 * h), 5);
    });
  });
});

describe("storage: a versioned JSON spec and a Float64 blob", () => {
  const roundTrip = (spec: ModelSpec, params: Float64Array) => {
    const stored = JSON.parse(JSON.stringify(spec)) as ModelSpec;
    return { model: modelFromSpec(stored), params: decodeParams(encodeParams(params)) };
  };

  it("a classifier predicts the same after storage", () => {
    const { model, params } = roundTrip(vqc.model.toJSON(), vqc.params);
    expect(params).toEqual(vqc.params);
    expect((model as VariationalClassifier).probabilities(params, split.test.rows)).toEqual(vqc.model.probabilities(vqc.params, split.test.rows));
  });

  it("a kernel model and a recommender too", () => {
    const kernel = irisKernel();
    const k = roundTrip(kernel.model.toJSON(), kernel.params);
    expect((k.model as typeof kernel.model).probabilities(k.params, split.test.rows)).toEqual(kernel.model.probabilities(kernel.params, split.test.rows));

    const data = generatePreferences({ users: 3, items: 5, ratingsPerUser: 2 });
    const recommender = QuantumRecommender.create(data.userFeatures, data.itemFeatures);
    const shared = recommender.initialParams(1);
    const r = roundTrip(recommender.toJSON(), shared);
    const items = data.itemFeatures.map((features, i) => ({ id: `item-${i}`, features }));
    expect((r.model as QuantumRecommender).recommend(r.params, null, data.userFeatures[0]!, items, 3)).toEqual(recommender.recommend(shared, null, data.userFeatures[0]!, items, 3));
  });

  it("refuses other spec versions and odd blobs", () => {
    expect(() => modelFromSpec({ ...vqc.model.toJSON(), version: 2 as 1 })).toThrow("model spec version 2 is not supported");
    expect(() => decodeParams(new Uint8Array(9))).toThrow("multiple of 8 bytes");
  });
});

describe("kernel support states", () => {
  it("are prepared once per served parameter vector; scores are the same, bit for bit, as preparing them afresh", () => {
    const { model, params } = irisKernel();
    expect(model.keepsSupportStates).toBe(true); // 105 rows × 2^4 amplitudes
    const first = model.supportStates(params);
    expect(model.supportStates(params)).toBe(first); // kept, not recomputed
    const fresh = modelFromSpec(JSON.parse(JSON.stringify(model.toJSON())) as ModelSpec) as typeof model;
    const rows = split.test.rows.slice(0, 10);
    expect(Array.from(fresh.scores(Float64Array.from(params), rows))).toEqual(Array.from(model.scores(params, rows)));
  });
});

describe("explanations know their domain", () => {
  it("inside the training range they add up; far outside they are flagged per feature and marked unreliable", () => {
    const { model, params } = irisRegression();
    const { min, max } = model.quantum.scaler.spec;
    const middle = min.map((m, j) => (m + max[j]!) / 2);
    const at = (row: number[]) => checkExplanation(explain((r) => model.valueGradient(params, r), row, middle, "integratedGradients", 32), row, min, max);
    const inside = at([...middle.slice(0, -1), max.at(-1)!]);
    expect(inside).toMatchObject({ reliable: true, outOfRange: middle.map(() => false) });
    const far = at([...middle.slice(0, -1), 5_000]);
    expect(far.outOfRange).toEqual([...middle.slice(0, -1).map(() => false), true]);
    expect(Math.abs(far.completenessGap)).toBeGreaterThan(far.gapTolerance);
    expect(far.reliable).toBe(false);
  });
});
