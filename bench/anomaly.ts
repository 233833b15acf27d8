// Anomaly detection quality: the quantum-kernel detector beside a Gaussian kernel density and the
// Mahalanobis distance, each trained on the same normal rows, thresholded for 5 % false positives
// on the same validation rows, scored on the same test rows. Data: the seeded planted-anomaly
// table (three seeds), and Breast Cancer Wisconsin with the benign tumours as normal and every
// tenth malignant one as the anomaly (as the ODDS "wbc" benchmark does), untuned.
import fs from "node:fs";
import path from "node:path";
import { compareAnomalyDetector, parseTable, plantedAnomalies, QuantumKernelAnomalyDetector, stratifiedSplit, type Labeled } from "../ml/index.ts";
import { formatMs, printTable } from "./support/timing.ts";

const f3 = (x: number | null) => (x === null ? "—" : x.toFixed(3));

function breastCancerAsAnomalies(): Labeled {
  const table = parseTable("breast-cancer", fs.readFileSync(path.resolve(import.meta.dirname, "../ml/data/public/breast-cancer.csv"), "utf8"));
  const benign = table.classes.indexOf("benign");
  const rows: number[][] = [], labels: number[] = [];
  let malignant = 0;
  table.rows.forEach((row, i) => {
    if (table.labels[i] === benign) [rows[rows.length], labels[labels.length]] = [row, 0];
    else if (malignant++ % 10 === 0) [rows[rows.length], labels[labels.length]] = [row, 1];
  });
  return { rows, labels };
}

export function anomalyBench(): void {
  const sets: [string, Labeled, { kind: "pca"; components: number } | null][] = [
    ...[1, 2, 3].map((seed): [string, Labeled, null] => [`planted anomalies, seed ${seed} (6 features)`, plantedAnomalies({ normal: 400, anomalies: 40, features: 6, seed }), null]),
    ["Breast Cancer: benign normal, 1 in 10 malignant (30 features → PCA 8)", breastCancerAsAnomalies(), { kind: "pca", components: 8 }],
  ];
  const rows: string[][] = [];
  for (const [name, data, reduce] of sets) {
    const split = stratifiedSplit(data, { test: 0.3, validation: 0.2 }, 0);
    const started = performance.now();
    const { model, params, selection } = QuantumKernelAnomalyDetector.fit(split.train, split.validation, { classes: ["normal", "anomaly"], featureRange: [0, 1], reduce });
    const c = compareAnomalyDetector((r) => model.scores(params, r), model.spec.threshold, 0.05, split.train, split.validation, split.test);
    const ms = performance.now() - started;
    const line = (label: string, m: typeof c.quantum, extra = "") => [label, f3(m.rocAuc), f3(m.prAuc), f3(m.precisionAtK), f3(m.recall), f3(m.falsePositiveRate), extra];
    rows.push(line(`${name}: quantum kernel (${model.encoding.numQubits} qubits, bandwidth ${selection.bandwidth})`, c.quantum, formatMs(ms)));
    rows.push(line(`  ${c.baselineName}`, c.baseline));
    for (const other of c.otherBaselines ?? []) rows.push(line(`  ${other.name}`, other.metrics));
  }
  printTable(["anomaly detection (test split; threshold for 5 % false positives on validation)", "ROC-AUC", "PR-AUC", "precision@k", "recall", "false-positive rate", "fit + evaluate"], rows);
}
