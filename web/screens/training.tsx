// Training: pick a dataset and hyperparameters, start a job, and watch it: progress, the train
// and validation loss per epoch drawn as they arrive, then the new version's metrics beside the
// classical baseline. Locally each read of a running job advances it by one burst.
import { useCallback, useEffect, useState } from "preact/hooks";
import { unwrap, models, type ResultOf } from "../../client/index.ts";
import { useAction } from "../components/async.ts";
import { Field } from "../components/field.tsx";
import { Chart } from "../components/chart.tsx";
import { fixed } from "../components/numbers.ts";
import { ProblemView } from "../components/problem.tsx";
import { api } from "../session.ts";
import { exampleWidth, type ModelSummary } from "../model-types.ts";

type Job = ResultOf<typeof models.TrainingJobFields>;
type Dataset = ResultOf<typeof models.DatasetSummary>;
const POLL_MS = 400;
const FINISHED = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);

export function TrainingPanel({ model, datasets, onFinished }: { model: ModelSummary; datasets: readonly Dataset[]; onFinished: () => Promise<void> }) {
  const width = exampleWidth(model);
  const usable = datasets.filter((d) => d.numFeatures === width);
  const [datasetId, setDatasetId] = useState("");
  const [epochs, setEpochs] = useState(15);
  const [learningRate, setLearningRate] = useState(0.05);
  const [seed, setSeed] = useState(1);
  const [job, setJob] = useState<Job | null>(null);
  const chosen = usable.find((d) => d.id === datasetId) ?? usable[0];

  const start = useAction(async () => {
    if (!chosen) throw new Error("Import a dataset with matching features first.");
    const { startTraining } = await api.request(models.StartTraining, { model: model.id, dataset: chosen.id, hyperparameters: { epochs, learningRate, seed }, key: crypto.randomUUID() });
    setJob(unwrap(startTraining, "TrainingJobPayload").job);
  });
  const cancel = useAction(async () => {
    if (job) setJob(unwrap((await api.request(models.CancelTraining, { id: job.id })).cancelTraining, "TrainingJobPayload").job);
  });
  const [pollError, setPollError] = useState<unknown>(null);

  // Follow a running job until it ends.
  const jobId = job?.id;
  const running = job ? !FINISHED.has(job.status) : false;
  useEffect(() => {
    if (!jobId || !running) return;
    let live = true;
    const timer = setTimeout(async () => {
      try {
        const next = unwrap((await api.request(models.TrainingJob, { id: jobId })).trainingJob, "TrainingJob");
        if (!live) return;
        setJob(next);
        if (FINISHED.has(next.status)) await onFinished();
      } catch (error) {
        if (live) setPollError(error);
      }
    }, POLL_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [jobId, running, job?.updatedAt, job?.step]);

  const history = job?.lossHistory ?? [];
  const draw = useCallback((charts: typeof import("../charts.ts"), chartWidth: number) => charts.lossCurves(history, chartWidth), [history]);
  const last = history[history.length - 1];

  return (
    <div class="panel">
      <h3>Train</h3>
      <form class="grid" onSubmit={(event) => { event.preventDefault(); void start.run(); }}>
        <Field label="Dataset">{(c) => (
          <select {...c} value={chosen?.id ?? ""} onChange={(e) => setDatasetId(e.currentTarget.value)} required>
            {usable.length === 0 && <option value="">no dataset with {width} features yet</option>}
            {usable.map((d) => <option key={d.id} value={d.id}>{d.name} ({d.kind.toLowerCase()})</option>)}
          </select>
        )}</Field>
        <Field label="Epochs" help="1–200">{(c) => <input {...c} type="number" min={1} max={200} value={epochs} onInput={(e) => setEpochs(e.currentTarget.valueAsNumber)} />}</Field>
        <Field label="Learning rate" help="(0, 1]">{(c) => <input {...c} type="number" min={0.0001} max={1} step="any" value={learningRate} onInput={(e) => setLearningRate(e.currentTarget.valueAsNumber)} />}</Field>
        <label>Seed<input type="number" min={0} value={seed} onInput={(e) => setSeed(e.currentTarget.valueAsNumber)} /></label>
        <button class="primary" disabled={start.busy || running || !chosen}>{running ? "Training…" : "Start training"}</button>
        {running && <button type="button" class="quiet" onClick={() => void cancel.run()} disabled={cancel.busy}>Cancel</button>}
      </form>
      <ProblemView error={start.error ?? cancel.error ?? pollError} />
      {job && (
        <div class="training" aria-live="polite">
          <p>
            <span data-testid="job-status">{job.status}</span>: epoch {job.epoch}
            {last && <> · train loss {fixed(last.trainLoss)}{last.validationLoss != null && <>, validation {fixed(last.validationLoss)}</>}</>}
          </p>
          <progress max={1} value={job.progress} aria-label="Training progress">{Math.round(job.progress * 100)} %</progress>
          {history.length > 0 && <Chart draw={draw} label={`Loss per epoch: ${history.map((h) => `epoch ${h.epoch} train ${fixed(h.trainLoss)}${h.validationLoss != null ? ` validation ${fixed(h.validationLoss)}` : ""}`).join("; ")}`} testId="loss-curves" />}
          {job.error && <p class="problem" role="alert">{job.error}</p>}
          {job.status === "SUCCEEDED" && job.version && <p role="status" class="ok">Saved as version {job.version.number}: its test metrics are above, beside the baseline.</p>}
        </div>
      )}
    </div>
  );
}
