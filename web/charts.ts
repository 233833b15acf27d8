// The Studio's figures, with Observable Plot: one function per kind of chart, each taking the
// API's numbers as they come. Loaded lazily by components/chart.tsx.
import * as Plot from "@observablehq/plot";

const INK = "#2a2340";
const ACCENT = "#5b3cc4";
const SECOND = "#d9480f";
const base = { style: { fontSize: "13px", color: INK, background: "transparent" }, marginLeft: 56 } as const;

/** Probabilities (or counts) per bitstring: the simulation histogram. */
export function histogram(rows: readonly { bitstring: string; value: number }[], yLabel: string, width: number) {
  return Plot.plot({
    ...base,
    width,
    height: 260,
    x: { label: "bitstring (highest qubit first)", tickRotate: rows.length > 8 ? -45 : 0, domain: rows.map((r) => r.bitstring) },
    y: { label: yLabel, grid: true },
    marks: [Plot.barY(rows, { x: "bitstring", y: "value", fill: ACCENT, tip: true }), Plot.ruleY([0])],
  });
}

/** Named options and their probabilities as horizontal bars (the labels are too long for a column chart). */
export function probabilityBars(rows: readonly { label: string; probability: number }[], width: number) {
  return Plot.plot({
    ...base,
    width,
    height: 40 + 32 * rows.length,
    marginLeft: Math.min(width / 2, 12 + 7 * Math.max(...rows.map((r) => r.label.length))),
    x: { label: "probability", grid: true, domain: [0, Math.max(...rows.map((r) => r.probability), 1e-9)] },
    y: { label: null, domain: rows.map((r) => r.label) },
    marks: [Plot.barX(rows, { y: "label", x: "probability", fill: ACCENT, tip: true }), Plot.ruleX([0])],
  });
}

/** Train and validation loss per epoch: the live training curve. */
export function lossCurves(history: readonly { epoch: number; trainLoss: number; validationLoss?: number | null }[], width: number) {
  const points = history.flatMap((h) => [
    { epoch: h.epoch, loss: h.trainLoss, split: "train" },
    ...(h.validationLoss == null ? [] : [{ epoch: h.epoch, loss: h.validationLoss, split: "validation" }]),
  ]);
  return Plot.plot({
    ...base,
    width,
    height: 260,
    x: { label: "epoch", grid: true },
    y: { label: "loss", grid: true, zero: false },
    color: { legend: true, domain: ["train", "validation"], range: [ACCENT, SECOND] },
    marks: [Plot.line(points, { x: "epoch", y: "loss", stroke: "split", marker: "circle-stroke", tip: true })],
  });
}

/** A confusion matrix: true class down, predicted class across, counts in the cells. */
export function confusionMatrix(matrix: readonly (readonly number[])[], classes: readonly string[], width: number) {
  const cells = matrix.flatMap((row, t) => row.map((count, p) => ({ truth: classes[t] ?? String(t), predicted: classes[p] ?? String(p), count })));
  const darkFrom = Math.max(...cells.map((c) => c.count)) / 2; // white text only on the darker cells
  return Plot.plot({
    ...base,
    width: Math.min(width, 420),
    height: 80 + 48 * classes.length,
    marginLeft: 90,
    padding: 0.05,
    x: { label: "predicted", domain: classes },
    y: { label: "true", domain: classes },
    color: { scheme: "purples" },
    marks: [Plot.cell(cells, { x: "predicted", y: "truth", fill: "count", inset: 0.5 }), Plot.text(cells, { x: "predicted", y: "truth", text: "count", fill: (d: { count: number }) => (d.count > darkFrom ? "white" : INK) })],
  });
}

/** Class probabilities as bars, and the interval of the predicted one as an error bar. */
export function probabilities(rows: readonly { label: string; probability: number }[], interval: { label: string; low: number; high: number } | null, width: number) {
  return Plot.plot({
    ...base,
    width,
    height: 240,
    x: { label: "class", domain: rows.map((r) => r.label) },
    y: { label: "probability", domain: [0, 1], grid: true },
    marks: [
      Plot.barY(rows, { x: "label", y: "probability", fill: ACCENT, fillOpacity: 0.8, tip: true }),
      ...(interval
        ? [
            Plot.ruleX([interval], { x: "label", y1: "low", y2: "high", stroke: SECOND, strokeWidth: 2 }),
            Plot.tickY([interval], { x: "label", y: "low", stroke: SECOND, strokeWidth: 2 }),
            Plot.tickY([interval], { x: "label", y: "high", stroke: SECOND, strokeWidth: 2 }),
          ]
        : []),
      Plot.ruleY([0]),
    ],
  });
}

/** Per-feature attributions (integrated gradients), positive pushing the output up. */
export function attributions(rows: readonly { feature: string; attribution: number; outOfRange: boolean }[], width: number) {
  return Plot.plot({
    ...base,
    width,
    height: 60 + 36 * rows.length,
    marginLeft: 110,
    x: { label: "attribution", grid: true },
    y: { label: null, domain: rows.map((r) => r.feature) },
    marks: [
      Plot.barX(rows, { y: "feature", x: "attribution", fill: (d: { attribution: number }) => (d.attribution >= 0 ? ACCENT : SECOND), tip: true }),
      Plot.ruleX([0]),
    ],
  });
}

/** Ranked items with their bands: the score and [low, high]. */
export function rankedScores(rows: readonly { item: string; score: number; low: number; high: number }[], width: number) {
  return Plot.plot({
    ...base,
    width,
    height: 60 + 30 * rows.length,
    marginLeft: 80,
    x: { label: "predicted rating", domain: [-1, 1], grid: true },
    y: { label: null, domain: rows.map((r) => r.item) },
    marks: [Plot.ruleY(rows, { y: "item", x1: "low", x2: "high", stroke: ACCENT, strokeOpacity: 0.5, strokeWidth: 6 }), Plot.dot(rows, { y: "item", x: "score", fill: ACCENT, r: 4, tip: true }), Plot.ruleX([0])],
  });
}
