// Predict: one input per feature, the class probabilities with the predicted one's interval as
// an error bar, and the per-feature attributions (integrated gradients) with their completeness
// gap, so you see whether they may be read as each feature's part.
import { useCallback, useState } from "preact/hooks";
import { unwrap, predictions } from "../../client/index.ts";
import { useAction } from "../components/async.ts";
import { Field } from "../components/field.tsx";
import { Chart } from "../components/chart.tsx";
import { ModelPicker, useModels } from "../components/model-picker.tsx";
import { fixed } from "../components/numbers.ts";
import { ProblemView } from "../components/problem.tsx";
import { api } from "../session.ts";
import { blueprintOf } from "../model-types.ts";

const IRIS_EXAMPLE = [6.7, 3.0, 5.2, 2.3];
const INTERVAL_SOURCE = {
  SHOTS: "95 % Wilson interval from shots",
  EXACT: "exact",
  CALIBRATED: "95 % calibrated band: split conformal on the validation split, plus shot noise with shots",
} as const;

export function PredictScreen() {
  const choices = useModels((m) => m.task !== "RECOMMENDATION" && m.latestVersion !== null);
  const [modelId, setModelId] = useState<string | null>(null);
  const model = choices.data?.find((m) => m.id === modelId) ?? choices.data?.[0];
  const count = model ? blueprintOf(model).numFeatures : 0;
  const [values, setValues] = useState<Record<number, number>>({});
  const features = Array.from({ length: count }, (_, i) => values[i] ?? (count === 4 ? IRIS_EXAMPLE[i]! : 0));
  const [shots, setShots] = useState(1000);
  const [seed, setSeed] = useState(3);

  const predict = useAction(async () => {
    const { predict: result } = await api.request(predictions.Predict, { model: model!.id, features, options: { shots, seed, explain: true } });
    return unwrap(result, "Prediction");
  });
  const p = predict.result;
  const drawProbabilities = useCallback(
    (charts: typeof import("../charts.ts"), width: number) => charts.probabilities(p!.probabilities, p!.label ? { label: p!.label, low: p!.interval.low, high: p!.interval.high } : null, width),
    [p],
  );
  const rows = p?.explanation ? p.explanation.attributions.map((attribution, i) => ({ feature: `feature ${i + 1}`, attribution, outOfRange: p.explanation!.outOfTrainingRange[i] ?? false })) : [];
  const drawAttributions = useCallback((charts: typeof import("../charts.ts"), width: number) => charts.attributions(rows, width), [p]);

  return (
    <div class="stack">
      <section class="card" aria-labelledby="predict-title">
        <h1 id="predict-title">Predict</h1>
        <form class="grid" onSubmit={(event) => { event.preventDefault(); if (model) void predict.run(); }}>
          <div class="wide"><ModelPicker label="Model" models={choices.data} error={choices.error} value={model?.id ?? null} onChange={(id) => { setModelId(id); setValues({}); predict.reset(); }} /></div>
          {features.map((value, i) => (
            <label key={i}>Feature {i + 1}<input type="number" step="any" value={value} onInput={(e) => setValues({ ...values, [i]: e.currentTarget.valueAsNumber })} required /></label>
          ))}
          <Field label="Shots" help="0 exact; up to 10,000 for a Wilson interval">{(c) => <input {...c} type="number" min={0} max={10000} value={shots} onInput={(e) => setShots(e.currentTarget.valueAsNumber)} />}</Field>
          <label>Seed<input type="number" min={0} value={seed} onInput={(e) => setSeed(e.currentTarget.valueAsNumber)} /></label>
          <button class="primary" disabled={!model || predict.busy}>Predict</button>
        </form>
        <ProblemView error={predict.error} />
      </section>
      {p && (
        <section class="card" aria-labelledby="prediction-title" aria-live="polite">
          <h2 id="prediction-title" data-testid="prediction">
            {p.label ? <>Predicted <strong>{p.label}</strong> with probability {fixed(p.value)}</> : <>Predicted value <strong>{fixed(p.value)}</strong></>}
            {" "}<span class="muted">[{fixed(p.interval.low)}, {fixed(p.interval.high)}] ({INTERVAL_SOURCE[p.interval.source]})</span>
          </h2>
          {p.probabilities.length > 0 && <Chart draw={drawProbabilities} label={`Class probabilities: ${p.probabilities.map((c) => `${c.label} ${fixed(c.probability)}`).join(", ")}; the predicted class's interval is [${fixed(p.interval.low)}, ${fixed(p.interval.high)}]`} testId="probabilities" />}
          {p.explanation && (
            <>
              <h3>Why: feature attributions ({p.explanation.method})</h3>
              <Chart draw={drawAttributions} label={`Attributions: ${rows.map((r) => `${r.feature} ${fixed(r.attribution)}`).join(", ")}`} testId="attributions" />
              <p data-testid="completeness">
                They add up to {fixed(p.explanation.attributions.reduce((s, a) => s + a, 0))} against value − baseline = {fixed(p.explanation.value - p.explanation.baselineValue)}:
                a completeness gap of {fixed(p.explanation.completenessGap, 4)} (tolerance {fixed(p.explanation.gapTolerance, 4)}).{" "}
                {p.explanation.reliable ? <span class="ok">Reliable: read each bar as that feature's part.</span> : <span class="invalid">Not reliable here: do not read the bars as each feature's part.</span>}
              </p>
              {rows.some((r) => r.outOfRange) && <p class="invalid">Outside the training range: {rows.filter((r) => r.outOfRange).map((r) => r.feature).join(", ")} (the model extrapolates).</p>}
            </>
          )}
        </section>
      )}
    </div>
  );
}
