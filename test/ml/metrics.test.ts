// Metrics and uncertainty helpers against values worked out by hand or by reference libraries.
import { describe, expect, it } from "vitest";
import { Rng } from "../../core/index.ts";
import {
  classificationMetrics,
  ensembleSpread,
  expectedCalibrationError,
  macroF1,
  regressionMetrics,
  rocAuc,
  shotEstimate,
  wilsonInterval,
} from "../../ml/index.ts";

describe("classification metrics", () => {
  it("accuracy, confusion, macro-F1 and log-loss", () => {
    const labels = [0, 0, 1, 1, 2];
    const probs = Float64Array.from([0.8, 0.1, 0.1, 0.3, 0.6, 0.1, 0.2, 0.7, 0.1, 0.1, 0.8, 0.1, 0.2, 0.2, 0.6]);
    const m = classificationMetrics(labels, probs, 3);
    expect(m.accuracy).toBeCloseTo(0.8, 12);
    expect(m.confusion).toEqual([[1, 1, 0], [0, 2, 0], [0, 0, 1]]);
    // F1: class 0 = 2/3, class 1 = 0.8, class 2 = 1
    expect(m.macroF1).toBeCloseTo((2 / 3 + 0.8 + 1) / 3, 12);
    expect(m.logLoss).toBeCloseTo(-(Math.log(0.8) + Math.log(0.3) + Math.log(0.7) + Math.log(0.8) + Math.log(0.6)) / 5, 12);
    expect(m.rocAuc).toBeNull();
    expect(macroF1([[0, 0], [0, 0]])).toBe(0);
  });

  it("ROC AUC is the Mann–Whitney probability, ties counting half", () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8])).toBeCloseTo(0.75, 12); // sklearn's example
    expect(rocAuc([0, 1, 0, 1], [0.5, 0.5, 0.5, 0.5])).toBeCloseTo(0.5, 12);
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNull();
  });

  it("expected calibration error", () => {
    // Two bins used: confidence 0.95 with 100 % right, and 0.65 with 50 % right.
    const labels = [0, 0, 0, 1];
    const probs = Float64Array.from([0.95, 0.05, 0.95, 0.05, 0.65, 0.35, 0.65, 0.35]);
    expect(expectedCalibrationError(labels, probs, 2)).toBeCloseTo(0.5 * 0.05 + 0.5 * 0.15, 12);
  });
});

describe("regression metrics", () => {
  it("MSE, MAE and R²", () => {
    const m = regressionMetrics([3, -0.5, 2, 7], [2.5, 0, 2, 8]); // sklearn's r2_score example: 0.948...
    expect(m.mse).toBeCloseTo(0.375, 12);
    expect(m.mae).toBeCloseTo(0.5, 12);
    expect(m.r2).toBeCloseTo(0.9486081370449679, 12);
  });
});

describe("uncertainty", () => {
  it("Wilson intervals match the closed form", () => {
    const { low, high } = wilsonInterval(0, 10);
    expect(low).toBe(0);
    expect(high).toBeCloseTo(0.2775, 4);
    const mid = wilsonInterval(50, 100);
    expect(mid.low).toBeCloseTo(0.4038, 4);
    expect(mid.high).toBeCloseTo(0.5962, 4);
  });

  it("shot estimates of a ±1 observable cover the exact value about 95 % of the time", () => {
    const rng = new Rng(3);
    let covered = 0;
    for (let i = 0; i < 400; i++) {
      const e = shotEstimate(0.3, 200, rng);
      if (e.low <= 0.3 && 0.3 <= e.high) covered++;
    }
    expect(covered / 400).toBeGreaterThan(0.9);
    expect(covered / 400).toBeLessThan(0.99);
  });

  it("ensemble spread", () => {
    const s = ensembleSpread([Float64Array.from([1, 0]), Float64Array.from([3, 0])]);
    expect(Array.from(s.mean)).toEqual([2, 0]);
    expect(s.std[0]).toBeCloseTo(Math.SQRT2, 12);
    expect([s.low[0], s.high[0]]).toEqual([1, 3]);
  });
});
