// Models: create one from a blueprint (the limits shown beside each field), pick one of yours or
// a shared base model, see its circuit, versions and metrics beside the classical baseline, give
// it a dataset and train it while the loss curves draw themselves.
import { useState } from "preact/hooks";
import { unwrap, models, type VariablesOf } from "../../client/index.ts";
import { useAction } from "../components/async.ts";
import { Field } from "../components/field.tsx";
import { useInputLimits } from "../components/limits.tsx";
import { MetricsView } from "../components/metrics.tsx";
import { ProblemView } from "../components/problem.tsx";
import { SvgImage } from "../components/svg-image.tsx";
import { useQuery } from "../components/use-query.ts";
import { blueprintOf, type ModelSummary } from "../model-types.ts";
import { api } from "../session.ts";
import { DatasetPanel } from "./datasets.tsx";
import { TrainingPanel } from "./training.tsx";
import { Table } from "../components/table.tsx";

type CreateInput = VariablesOf<typeof models.CreateModel>["input"];
type Task = CreateInput["task"];

const TASKS: { value: Task; label: string }[] = [
  { value: "CLASSIFICATION", label: "Classification (variational classifier)" },
  { value: "KERNEL_CLASSIFICATION", label: "Classification (quantum kernel)" },
  { value: "REGRESSION", label: "Regression" },
  { value: "RECOMMENDATION", label: "Recommendation" },
  { value: "ANOMALY_DETECTION", label: "Anomaly detection (quantum kernel; classes: normal, then anomaly)" },
];

/** Tasks whose model is a fidelity kernel: no ansatz, a ZZ-style encoding. */
const kernelTask = (task: Task) => task === "KERNEL_CLASSIFICATION" || task === "ANOMALY_DETECTION";
const hasClasses = (task: Task) => task.endsWith("CLASSIFICATION") || task === "ANOMALY_DETECTION";

export function ModelsScreen() {
  const list = useQuery(async () => (await api.request(models.Models, { first: 50 })).models);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = list.data?.edges.find((e) => e.node.id === selectedId)?.node ?? null;
  return (
    <div class="stack">
      <BlueprintForm onCreated={async (id) => { await list.reload(); setSelectedId(id); }} />
      <section class="card" aria-labelledby="models-title">
        <h2 id="models-title">Models ({list.data?.totalCount ?? 0})</h2>
        <ProblemView error={list.error} />
        <Table label="Models">
          <thead><tr><th scope="col">Name</th><th scope="col">Task</th><th scope="col">Qubits</th><th scope="col">Status</th><th scope="col">Latest version</th></tr></thead>
          <tbody>
            {list.data?.edges.map(({ node }) => (
              <tr key={node.id} aria-selected={node.id === selectedId}>
                <td><button type="button" class="link" onClick={() => setSelectedId(node.id)}>{node.name}</button>{node.shared && <span class="badge">shared</span>}</td>
                <td>{node.task}</td>
                <td class="num">{node.numQubits}</td>
                <td>{node.status}</td>
                <td>{node.latestVersion ? `v${node.latestVersion.number}` : "—"}</td>
              </tr>
            ))}
          </tbody>
        </Table>
      </section>
      {selected && <ModelDetail key={selected.id} summary={selected} onChanged={list.reload} />}
    </div>
  );
}

function BlueprintForm({ onCreated }: { onCreated: (id: string) => Promise<void> }) {
  const limits = useInputLimits("CreateModelInput", "AnsatzInput", "EncodingInput");
  const [name, setName] = useState("My Iris");
  const [task, setTask] = useState<Task>("CLASSIFICATION");
  const [numFeatures, setNumFeatures] = useState(4);
  const [itemFeatures, setItemFeatures] = useState(4);
  const [classes, setClasses] = useState("setosa, versicolor, virginica");
  const [encoding, setEncoding] = useState<NonNullable<CreateInput["encoding"]>["kind"]>("angle");
  const [ansatz, setAnsatz] = useState<NonNullable<CreateInput["ansatz"]>["kind"]>("realAmplitudes");
  const [reps, setReps] = useState(2);
  const [readout, setReadout] = useState<"linear" | "linearPairs" | "z0">("linear");
  const [loss, setLoss] = useState<"mse" | "huber">("mse");
  const [reupload, setReupload] = useState(false);
  const create = useAction(async () => {
    const input: CreateInput = {
      name,
      task,
      numFeatures,
      ...(task === "RECOMMENDATION" ? { itemFeatures } : {}),
      ...(hasClasses(task) ? { classes: classes.split(",").map((c) => c.trim()).filter(Boolean) } : {}),
      ...(kernelTask(task) ? { encoding: { kind: encoding === "angle" ? "zz" : encoding } } : { encoding: { kind: encoding }, ansatz: { kind: ansatz, reps } }),
      ...(task === "REGRESSION" ? { readout, loss } : {}),
      ...(reupload && (task === "CLASSIFICATION" || task === "REGRESSION") ? { reupload } : {}),
    };
    const model = unwrap((await api.request(models.CreateModel, { input })).createModel, "CreateModelPayload").model;
    await onCreated(model.id);
    return model;
  });
  return (
    <section class="card" aria-labelledby="blueprint-title">
      <h1 id="blueprint-title">Models</h1>
      <h2>New model from a blueprint</h2>
      <form class="grid" onSubmit={(event) => { event.preventDefault(); void create.run(); }}>
        <Field label="Name" help={limits["CreateModelInput.name"]}>{(c) => <input {...c} value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={120} />}</Field>
        <Field label="Task">{(c) => <select {...c} value={task} onChange={(e) => setTask(e.currentTarget.value as Task)}>{TASKS.map((t) => <option key={t.value} value={t.value}>{t.label}</option>)}</select>}</Field>
        <Field label={task === "RECOMMENDATION" ? "User features" : "Features"} help={limits["CreateModelInput.numFeatures"]}>{(c) => <input {...c} type="number" min={1} max={64} value={numFeatures} onInput={(e) => setNumFeatures(e.currentTarget.valueAsNumber)} required />}</Field>
        {task === "RECOMMENDATION" && <Field label="Item features" help={limits["CreateModelInput.itemFeatures"]}>{(c) => <input {...c} type="number" min={1} max={64} value={itemFeatures} onInput={(e) => setItemFeatures(e.currentTarget.valueAsNumber)} required />}</Field>}
        {hasClasses(task) && <Field wide label="Classes (comma-separated)" help={limits["CreateModelInput.classes"]}>{(c) => <input {...c} value={classes} onInput={(e) => setClasses(e.currentTarget.value)} required />}</Field>}
        <Field label="Encoding" help={limits["CreateModelInput.encoding"]}>{(c) => <select {...c} value={encoding} onChange={(e) => setEncoding(e.currentTarget.value as typeof encoding)}>{["angle", "zz", "iqp", "amplitude"].map((k) => <option key={k}>{k}</option>)}</select>}</Field>
        {!kernelTask(task) && (
          <>
            <Field label="Ansatz" help={limits["CreateModelInput.ansatz"]}>{(c) => <select {...c} value={ansatz} onChange={(e) => setAnsatz(e.currentTarget.value as typeof ansatz)}>{["realAmplitudes", "efficientSU2", "stronglyEntangling"].map((k) => <option key={k}>{k}</option>)}</select>}</Field>
            <Field label="Ansatz layers" help={limits["AnsatzInput.reps"]}>{(c) => <input {...c} type="number" min={1} max={6} value={reps} onInput={(e) => setReps(e.currentTarget.valueAsNumber)} />}</Field>
          </>
        )}
        {task === "REGRESSION" && (
          <>
            <Field label="Readout" help="linear: Σ wₖ⟨Zₖ⟩ + b over every qubit (default); linearPairs adds ⟨ZₖZₖ₊₁⟩; z0: ⟨Z₀⟩ alone">{(c) => <select {...c} value={readout} onChange={(e) => setReadout(e.currentTarget.value as typeof readout)}>{["linear", "linearPairs", "z0"].map((k) => <option key={k}>{k}</option>)}</select>}</Field>
            <Field label="Loss" help="huber: robust to outliers">{(c) => <select {...c} value={loss} onChange={(e) => setLoss(e.currentTarget.value as typeof loss)}>{["mse", "huber"].map((k) => <option key={k}>{k}</option>)}</select>}</Field>
          </>
        )}
        {(task === "CLASSIFICATION" || task === "REGRESSION") && (
          <label class="toggle wide"><input type="checkbox" checked={reupload} onChange={(e) => setReupload(e.currentTarget.checked)} /> Data re-uploading: encode the features again before each ansatz layer</label>
        )}
        <button class="primary" disabled={create.busy}>{create.busy ? "Creating…" : "Create model"}</button>
      </form>
      <ProblemView error={create.error} />
    </section>
  );
}

function ModelDetail({ summary, onChanged }: { summary: ModelSummary; onChanged: () => Promise<void> }) {
  const detail = useQuery(async () => unwrap((await api.request(models.Model, { id: summary.id })).model, "Model"), [summary.id, summary.status, summary.latestVersion?.id]);
  const datasets = useQuery(async () => (await api.request(models.MyDatasets, { first: 50 })).me.datasets.edges.map((e) => e.node));
  const blueprint = blueprintOf(summary);
  const model = detail.data;
  return (
    <section class="card" aria-labelledby="model-title">
      <h2 id="model-title">{summary.name}</h2>
      <p class="muted">{summary.task}, {summary.numQubits} qubits, {summary.circuit.parameterCount} symbols, depth {summary.circuit.depth}; {summary.status.toLowerCase()}</p>
      <p>{summary.description}</p>
      <ProblemView error={detail.error} />
      {model && (
        <>
          <details>
            <summary>Circuit diagram</summary>
            <SvgImage svg={model.circuit.diagram} alt={`The circuit of ${summary.name}: encoding and ansatz`} />
          </details>
          {model.latestVersion && (
            <>
              <h3>Version {model.latestVersion.number}</h3>
              <MetricsView metrics={model.latestVersion.metrics} classes={blueprint.classes} />
            </>
          )}
          <h3>Versions</h3>
          {model.versions.edges.length === 0 ? <p class="muted">Not trained yet.</p> : (
            <Table label="Versions" testId="versions">
              <thead><tr><th scope="col">Version</th><th scope="col">Trained</th><th scope="col">Parameters</th><th scope="col">Seed</th></tr></thead>
              <tbody>{[...model.versions.edges].reverse().map(({ node }) => <tr key={node.id}><td>v{node.number}</td><td>{new Date(node.createdAt).toLocaleString()}</td><td class="num">{node.parameterCount}</td><td class="num">{node.seed}</td></tr>)}</tbody>
            </Table>
          )}
        </>
      )}
      {!summary.shared && (
        <>
          <DatasetPanel model={summary} blueprint={blueprint} onImported={datasets.reload} />
          <TrainingPanel model={summary} datasets={datasets.data ?? []} onFinished={onChanged} />
        </>
      )}
    </section>
  );
}
