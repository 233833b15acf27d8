// Anomaly detection in ml/: the metrics at their edges, the threshold's promise (at most the
// target share of normal scores reach it), the classical detectors' invariants, and the quantum
// detector against both on the seeded planted-anomaly table.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  averagePrecision,
  compareAnomalyDetector,
  MahalanobisDetector,
  modelFromSpec,
  plantedAnomalies,
  precisionAtK,
  QuantumKernelAnomalyDetector,
  stratifiedSplit,
  thresholdForFalsePositiveRate,
  type ModelSpec,
} from "../../ml/index.ts";

describe("anomaly metrics", () => {
  it("average precision is 1 for a perfect ranking and the anomalies' share when every score ties", () => {
    expect(averagePrecision([0, 1, 0, 1], [0.1, 0.9, 0.2, 0.8])).toBe(1);
    expect(averagePrecision([0, 1, 0, 0], [1, 1, 1, 1])).toBe(0.25);
    expect(averagePrecision([0, 0], [1, 2])).toBeNull();
    expect(precisionAtK([0, 1, 0, 1], [0.3, 0.9, 0.8, 0.1], 2)).toBe(0.5);
  });

  it("a threshold for rate r is reached by at most r of the normal scores, and by one more score below it", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 200 }), fc.double({ min: 0, max: 0.99, noNaN: true }), (scores, rate) => {
        const threshold = thresholdForFalsePositiveRate(scores, rate);
        expect(scores.filter((s) => s >= threshold).length).toBeLessThanOrEqual(Math.floor(rate * scores.length));
      }),
      { seed: 21, numRuns: 200 },
    );
  });
});

describe("the Mahalanobis baseline", () => {
  it("does not care where the data sits: shifting every row shifts nothing", () => {
    const rows = plantedAnomalies({ normal: 60, anomalies: 0, features: 4, seed: 2 }).rows;
    const shifted = rows.map((r) => r.map((x, j) => x + 10 * j - 3));
    const a = MahalanobisDetector.fit(rows).scores(rows), b = MahalanobisDetector.fit(shifted).scores(shifted);
    a.forEach((x, i) => expect(b[i]).toBeCloseTo(x, 8));
  });
});

describe("the quantum anomaly detector", () => {
  const data = plantedAnomalies();
  const split = stratifiedSplit(data, { test: 0.3, validation: 0.2 }, 0);
  const { model, params, selection } = QuantumKernelAnomalyDetector.fit(split.train, split.validation, { classes: data.classes, featureRange: [0, 1] });

  it("learns from normal rows only, and round-trips through its spec", () => {
    expect(model.spec.numSupport).toBe(split.train.labels.filter((l) => l === 0).length);
    const again = modelFromSpec(JSON.parse(JSON.stringify(model.toJSON())) as ModelSpec) as QuantumKernelAnomalyDetector;
    expect(again.scores(params, split.test.rows.slice(0, 5))).toEqual(model.scores(params, split.test.rows.slice(0, 5)));
    expect(selection.criterion).toBe("validationRocAuc");
  });

  it("ranks the planted anomalies at least as well as the Gaussian kernel density and Mahalanobis on the seeded set", () => {
    const c = compareAnomalyDetector((rows) => model.scores(params, rows), model.spec.threshold, 0.05, split.train, split.validation, split.test);
    expect(c.quantum.rocAuc!).toBeGreaterThanOrEqual(c.baseline.rocAuc!);
    expect(c.quantum.rocAuc!).toBeGreaterThanOrEqual(c.otherBaselines![0]!.metrics.rocAuc!);
    expect(c.quantum.prAuc!).toBeGreaterThan(0.9);
  });

  it("without anomalies to choose by, takes the default bandwidth and sets the threshold on the normal rows", () => {
    const normalOnly = { rows: split.validation.rows.filter((_, i) => split.validation.labels[i] === 0), labels: split.validation.labels.filter((l) => l === 0) };
    const fitted = QuantumKernelAnomalyDetector.fit(split.train, normalOnly, { classes: data.classes, featureRange: [0, 1], falsePositiveRate: 0.1 });
    expect(fitted.selection).toMatchObject({ criterion: "default", bandwidth: 0.5 });
    const flagged = fitted.model.scores(fitted.params, normalOnly.rows).filter((s) => s >= fitted.model.spec.threshold).length;
    expect(flagged).toBeLessThanOrEqual(Math.floor(0.1 * normalOnly.rows.length));
  });
});
