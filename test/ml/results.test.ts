// The reference experiments reach their documented results, each beside its classical baseline.
import { describe, expect, it } from "vitest";
import { irisKernel, irisRegression, irisVqc, personalizationExperiment } from "../../ml/index.ts";

describe("Iris (fixed stratified split, 45 test flowers)", () => {
  it("the 4-qubit VQC reaches ≥ 0.90 test accuracy, reported beside logistic regression", () => {
    const { test, validation, checkpoint } = irisVqc();
    expect(test.quantum.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(test.baselineName).toBe("logistic regression");
    expect(test.baseline.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(test.quantum.confusion.flat().reduce((a, b) => a + b, 0)).toBe(45);
    expect(validation.quantum.ece).toBeLessThan(0.2);
    expect(checkpoint.best.epoch).toBeGreaterThan(0);
  });

  it("the quantum-kernel model reaches ≥ 0.93 test accuracy, reported beside logistic regression", () => {
    const { test, model } = irisKernel();
    expect(test.quantum.accuracy).toBeGreaterThanOrEqual(0.93);
    expect(test.quantum.macroF1).toBeGreaterThanOrEqual(0.93);
    expect(model.spec.temperature).toBeGreaterThan(0);
  });
});

describe("Iris regression (petal width from the other measurements)", () => {
  it("the VQC regressor explains most of the variance, reported beside linear regression", () => {
    const { test } = irisRegression();
    expect(test.quantum.r2).toBeGreaterThan(0.8);
    expect(test.baselineName).toBe("linear regression");
    expect(test.baseline.r2).toBeGreaterThan(0.9);
  });
});

describe("personalization (synthetic preferences, seeded)", () => {
  it("per-user fine-tuning lowers held-out error below the shared model's", () => {
    const result = personalizationExperiment({ users: 12 });
    expect(result.sharedMse).toBeLessThan(result.meanBaselineMse);
    expect(result.personalMse).toBeLessThan(result.sharedMse * 0.85);
    expect(result.usersImproved).toBeGreaterThan(result.users / 2);
  });
});
