// Training: pick a dataset and hyperparameters, start a job, and watch it: progress, the train
// and validation loss per epoch drawn as they arrive, then the new version's metrics beside the
// classical baseline. Locally each read of a running job advances it by one burst.
import { useCallback, useState } from "preact/hooks";
import { unwrap, models, type ResultOf, type VariablesOf } from "../../client/index.ts";
import { useAction } from "../components/async.ts";
import { Field } from "../components/field.tsx";
import { useInputLimits } from "../components/limits.tsx";
import { Chart } from "../components/chart.tsx";
import { fixed } from "../components/numbers.ts";
import { usePoll } from "../components/poll.ts";
import { ProblemView } from "../components/problem.tsx";
import { api } from "../session.ts";
import { exampleWidth, type ModelSummary } from "../model-types.ts";

type Job = ResultOf<typeof models.TrainingJobFields>;
type Dataset = ResultOf<typeof models.DatasetSummary>;
type Hyperparameters = NonNullable<VariablesOf<typeof models.StartTraining>["hyperparameters"]>;
const POLL_MS = 400;
const FINISHED = new Set(["SUCCEEDED", "FAILED", "CANCELLED"]);

export function TrainingPanel({ model, datasets, onFinished }: { model: ModelSummary; datasets: readonly Dataset[]; onFinished: () => Promise<void> }) {
  const width = exampleWidth(model);
  const usable = datasets.filter((d) => d.numFeatures === width);
  const [datasetId, setDatasetId] = useState("");
  // The API's defaults but 15 epochs (the README journey's); the limits beside each field come from the schema.
  const [hyperparameters, setHyperparameters] = useState<Hyperparameters>({ epochs: 15, learningRate: 0.05, seed: 1, batchSize: 16, optimizer: "adam", gradient: "adjoint", shots: 0, patience: 10, validationFraction: 0.2, testFraction: 0.2 });
  const set = (patch: Partial<Hyperparameters>) => setHyperparameters((h) => ({ ...h, ...patch }));
  const limits = useInputLimits("HyperparametersInput");
  const help = (field: keyof Hyperparameters) => limits[`HyperparametersInput.${field}`];
  const [job, setJob] = useState<Job | null>(null);
  const chosen = usable.find((d) => d.id === datasetId) ?? usable[0];

  const start = useAction(async () => {
    if (!chosen) throw new Error("Import a dataset with matching features first.");
    const { startTraining } = await api.request(models.StartTraining, { model: model.id, dataset: chosen.id, hyperparameters, key: crypto.randomUUID() });
    setJob(unwrap(startTraining, "TrainingJobPayload").job);
  });
  const cancel = useAction(async () => {
    if (job) setJob(unwrap((await api.request(models.CancelTraining, { id: job.id })).cancelTraining, "TrainingJobPayload").job);
  });
  const running = job ? !FINISHED.has(job.status) : false;
  const pollError = usePoll(job, setJob, {
    running: (j) => !FINISHED.has(j.status),
    read: async (id) => unwrap((await api.request(models.TrainingJob, { id })).trainingJob, "TrainingJob"),
    ms: POLL_MS,
    onFinished,
  });

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
        <Field label="Epochs" help={help("epochs")}>{(c) => <input {...c} type="number" min={1} max={200} value={hyperparameters.epochs ?? ""} onInput={(e) => set({ epochs: e.currentTarget.valueAsNumber })} />}</Field>
        <Field label="Learning rate" help={help("learningRate")}>{(c) => <input {...c} type="number" min={0.0001} max={1} step="any" value={hyperparameters.learningRate ?? ""} onInput={(e) => set({ learningRate: e.currentTarget.valueAsNumber })} />}</Field>
        <Field label="Seed">{(c) => <input {...c} type="number" min={0} value={hyperparameters.seed ?? ""} onInput={(e) => set({ seed: e.currentTarget.valueAsNumber })} />}</Field>
        <details class="wide">
          <summary>More settings</summary>
          <div class="grid">
            <Field label="Batch size" help={help("batchSize")}>{(c) => <input {...c} type="number" min={1} max={256} value={hyperparameters.batchSize ?? ""} onInput={(e) => set({ batchSize: e.currentTarget.valueAsNumber })} />}</Field>
            <Field label="Optimizer">{(c) => <select {...c} value={hyperparameters.optimizer ?? "adam"} onChange={(e) => set({ optimizer: e.currentTarget.value as Hyperparameters["optimizer"] })}>{["adam", "sgd", "spsa"].map((o) => <option key={o}>{o}</option>)}</select>}</Field>
            <Field label="Gradient">{(c) => <select {...c} value={hyperparameters.gradient ?? "adjoint"} onChange={(e) => set({ gradient: e.currentTarget.value as Hyperparameters["gradient"] })}>{["adjoint", "parameterShift"].map((g) => <option key={g}>{g}</option>)}</select>}</Field>
            <Field label="Shots" help={help("shots")}>{(c) => <input {...c} type="number" min={0} max={10000} value={hyperparameters.shots ?? ""} onInput={(e) => set({ shots: e.currentTarget.valueAsNumber })} />}</Field>
            <Field label="Patience" help={help("patience")}>{(c) => <input {...c} type="number" min={1} max={100} value={hyperparameters.patience ?? ""} onInput={(e) => set({ patience: e.currentTarget.valueAsNumber })} />}</Field>
            <Field label="Validation fraction" help={help("validationFraction")}>{(c) => <input {...c} type="number" min={0} max={0.5} step="any" value={hyperparameters.validationFraction ?? ""} onInput={(e) => set({ validationFraction: e.currentTarget.valueAsNumber })} />}</Field>
            <Field label="Test fraction" help={help("testFraction")}>{(c) => <input {...c} type="number" min={0.1} max={0.5} step="any" value={hyperparameters.testFraction ?? ""} onInput={(e) => set({ testFraction: e.currentTarget.valueAsNumber })} />}</Field>
          </div>
        </details>
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
