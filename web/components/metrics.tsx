// A version's test metrics: the quantum model beside its classical baseline on the same split
// (every number both have), and their confusion matrices for classifiers.
import { useCallback } from "preact/hooks";
import { Chart } from "./chart.tsx";
import { fixed } from "./numbers.ts";
import { Table } from "./table.tsx";

type Numbers = Record<string, unknown>;
const LABELS: Record<string, string> = { accuracy: "accuracy", macroF1: "macro F1", logLoss: "log loss", rocAuc: "ROC AUC", ece: "calibration error (ECE)", mse: "MSE", mae: "MAE", r2: "R²", prAuc: "PR AUC (average precision)", precisionAtK: "precision at k", recall: "recall at the threshold", falsePositiveRate: "false-positive rate", anomalies: "anomalies in the test split", rows: "test rows" };

/** A version's metrics: `test` (quantum, baseline, baselineName), `split` (example counts), how training stopped. */
export function MetricsView({ metrics, classes }: { metrics: Record<string, unknown>; classes: readonly string[] }) {
  const test = (metrics.test ?? {}) as Numbers;
  const split = metrics.split as { train: number; validation: number; test: number } | undefined;
  const quantum = test.quantum as Numbers | undefined;
  const baseline = test.baseline as Numbers | undefined;
  const calibration = metrics.calibration as { halfWidth: number; examples: number; testCoverage: number } | undefined;
  if (!quantum) return <p class="muted">No test metrics recorded for this version.</p>;
  const keys = Object.keys(quantum).filter((k) => typeof quantum[k] === "number");
  return (
    <div class="metrics">
      <Table label="Test metrics, quantum beside baseline" testId="metrics">
        <caption>
          Test split{split && ` (${split.test} examples; trained on ${split.train}, validated on ${split.validation})`}: the quantum model beside {String(test.baselineName ?? "the classical baseline")}
          {typeof metrics.stoppedBy === "string" && `; training stopped by ${metrics.stoppedBy}${typeof metrics.bestEpoch === "number" ? `, best epoch ${metrics.bestEpoch}` : ""}`}
        </caption>
        <thead><tr><th scope="col">Metric</th><th scope="col">Quantum</th><th scope="col">Baseline</th></tr></thead>
        <tbody>
          {keys.map((k) => (
            <tr key={k}><th scope="row">{LABELS[k] ?? k}</th><td class="num">{fixed(quantum[k] as number)}</td><td class="num">{typeof baseline?.[k] === "number" ? fixed(baseline[k] as number) : "—"}</td></tr>
          ))}
        </tbody>
      </Table>
      {calibration && (
        <p data-testid="calibration">
          Every prediction comes with a 95 % band of ±{fixed(calibration.halfWidth)} (split conformal on {calibration.examples} validation examples); it held {(calibration.testCoverage * 100).toFixed(0)} % of the test targets.
        </p>
      )}
      {Array.isArray(quantum.confusion) && (
        <div class="pair">
          <Confusion title="Quantum" matrix={quantum.confusion as number[][]} classes={classes} />
          {Array.isArray(baseline?.confusion) && <Confusion title="Baseline" matrix={baseline.confusion as number[][]} classes={classes} />}
        </div>
      )}
    </div>
  );
}

function Confusion({ title, matrix, classes }: { title: string; matrix: number[][]; classes: readonly string[] }) {
  const names = classes.length === matrix.length ? classes : matrix.map((_, i) => String(i));
  const draw = useCallback((charts: typeof import("../charts.ts"), width: number) => charts.confusionMatrix(matrix, names, width), [matrix, names]);
  const description = matrix.map((row, t) => `true ${names[t]}: ${row.map((n, p) => `${n} as ${names[p]}`).join(", ")}`).join("; ");
  return (
    <div>
      <h4>{title}: confusion matrix</h4>
      <Chart draw={draw} label={`${title} confusion matrix. ${description}`} testId={`confusion-${title.toLowerCase()}`} />
    </div>
  );
}
