// Labelled data as plain arrays, and seeded splits.
import { Rng } from "../../core/index.ts";
import { shuffled } from "../training/trainer.ts";

export interface Labeled {
  rows: number[][];
  /** Class indices (classification) or targets (regression). */
  labels: number[];
}

export function subset(data: Labeled, indices: readonly number[]): Labeled {
  return { rows: indices.map((i) => data.rows[i]!), labels: indices.map((i) => data.labels[i]!) };
}

export interface Split {
  train: Labeled;
  validation: Labeled;
  test: Labeled;
}

/**
 * A seeded split that keeps each class's share in every part (stratified): per class, the first
 * `test` fraction of a shuffled order goes to test, the next `validation` fraction to validation.
 */
export function stratifiedSplit(data: Labeled, fractions: { test: number; validation: number }, seed: number): Split {
  const rng = new Rng(seed);
  const parts: { train: number[]; validation: number[]; test: number[] } = { train: [], validation: [], test: [] };
  const classes = [...new Set(data.labels)].sort((a, b) => a - b);
  for (const label of classes) {
    const members = data.labels.flatMap((l, i) => (l === label ? [i] : []));
    const order = shuffled(members.length, rng).map((k) => members[k]!);
    const nTest = Math.round(order.length * fractions.test);
    const nValidation = Math.round(order.length * fractions.validation);
    parts.test.push(...order.slice(0, nTest));
    parts.validation.push(...order.slice(nTest, nTest + nValidation));
    parts.train.push(...order.slice(nTest + nValidation));
  }
  const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
  return { train: subset(data, sorted(parts.train)), validation: subset(data, sorted(parts.validation)), test: subset(data, sorted(parts.test)) };
}

/** A seeded random split for regression targets. */
export function randomSplit(data: Labeled, fractions: { test: number; validation: number }, seed: number): Split {
  const order = shuffled(data.rows.length, new Rng(seed));
  const nTest = Math.round(order.length * fractions.test);
  const nValidation = Math.round(order.length * fractions.validation);
  return {
    test: subset(data, order.slice(0, nTest)),
    validation: subset(data, order.slice(nTest, nTest + nValidation)),
    train: subset(data, order.slice(nTest + nValidation)),
  };
}
