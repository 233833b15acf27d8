// Circuits: paste or upload OpenQASM 2/3 (a mistake is shown at its line and column, and the
// editor's cursor goes there), save it and see its diagram, simulate it with shots and a seed
// (a histogram and expectation values), and move its symbolic parameters with sliders.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { circuits, unwrap, ResultError, type ResultOf } from "../../client/index.ts";
import { useAction } from "../components/async.ts";
import { Field } from "../components/field.tsx";
import { Chart } from "../components/chart.tsx";
import { fixed } from "../components/numbers.ts";
import { ProblemView } from "../components/problem.tsx";
import { SvgImage } from "../components/svg-image.tsx";
import { useQuery } from "../components/use-query.ts";
import { api } from "../session.ts";
import { Table } from "../components/table.tsx";

const EXAMPLES = {
  "Bell pair (OpenQASM 2)": `OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncreg c[2];\nh q[0];\ncx q[0], q[1];\nmeasure q -> c;\n`,
  "Rotation with a parameter (OpenQASM 3)": `OPENQASM 3.0;\ninclude "stdgates.inc";\ninput float[64] theta;\nqubit[2] q;\nbit[2] c;\nry(theta) q[0];\ncx q[0], q[1];\nc = measure q;\n`,
};

type Saved = Extract<ResultOf<typeof circuits.Circuit>["circuit"], { __typename: "Circuit" }>;

export function CircuitsScreen() {
  const list = useQuery(async () => (await api.request(circuits.MyCircuits, { first: 50 })).me.circuits);
  const [name, setName] = useState("Bell");
  const [source, setSource] = useState(EXAMPLES["Bell pair (OpenQASM 2)"]);
  const [selected, setSelected] = useState<Saved | null>(null);
  const editor = useRef<HTMLTextAreaElement>(null);

  const save = useAction(async () => {
    const { importCircuit } = await api.request(circuits.ImportCircuit, { input: { name: name || undefined, qasm: source } });
    const circuit = unwrap(importCircuit, "ImportCircuitPayload").circuit;
    setSelected({ __typename: "Circuit", ...circuit });
    await list.reload();
    return circuit;
  });
  const open = useAction(async (id: string) => {
    const circuit = unwrap((await api.request(circuits.Circuit, { id })).circuit, "Circuit");
    setSelected(circuit);
    setName(circuit.name);
    setSource(circuit.source);
  });
  const remove = useAction(async (id: string) => {
    unwrap((await api.request(circuits.DeleteCircuit, { id })).deleteCircuit, "DeleteCircuitPayload");
    if (selected?.id === id) setSelected(null);
    await list.reload();
  });

  // Put the editor's cursor where the parser stopped.
  const problem = save.error instanceof ResultError ? save.error.problem : null;
  useEffect(() => {
    if (!problem?.line || !editor.current) return;
    const lines = source.split("\n");
    const offset = lines.slice(0, problem.line - 1).reduce((sum, line) => sum + line.length + 1, 0) + Math.max(0, (problem.column ?? 1) - 1);
    editor.current.focus();
    editor.current.setSelectionRange(offset, Math.min(source.length, offset + 1));
  }, [problem]);

  return (
    <div class="stack">
      <section class="card" aria-labelledby="editor-title">
        <h1 id="editor-title">Circuits</h1>
        <div class="row">
          {Object.entries(EXAMPLES).map(([title, qasm]) => (
            <button key={title} type="button" class="quiet" onClick={() => { setSource(qasm); setName(title.split(" (")[0]!); save.reset(); }}>{title}</button>
          ))}
          <label class="file">Upload a .qasm file<input type="file" accept=".qasm,.qasm3,.txt,text/plain" onChange={async (e) => {
            const file = e.currentTarget.files?.[0];
            if (!file) return;
            setSource(await file.text());
            setName(file.name.replace(/\.\w+$/, ""));
            save.reset();
          }} /></label>
        </div>
        <form onSubmit={(event) => { event.preventDefault(); void save.run(); }}>
          <label>Name<input value={name} onInput={(e) => setName(e.currentTarget.value)} maxLength={120} /></label>
          <Field label="OpenQASM 2.0 or 3.0" help={<>At most 256 KiB, 24 qubits and 50,000 operations; simulation up to 20 qubits. Symbolic parameters: <code>input float[64] theta;</code></>}>
            {(c) => (
              <div class="editor">
                <pre class="gutter" aria-hidden="true">{source.split("\n").map((_, i) => <span key={i} class={problem?.line === i + 1 ? "bad" : undefined}>{i + 1}{"\n"}</span>)}</pre>
                <textarea {...c} ref={editor} value={source} onInput={(e) => setSource(e.currentTarget.value)} rows={Math.min(20, Math.max(8, source.split("\n").length + 1))} spellcheck={false} aria-invalid={problem ? true : undefined} />
              </div>
            )}
          </Field>
          <button class="primary" disabled={save.busy}>{save.busy ? "Checking…" : "Save and draw"}</button>
          <ProblemView error={save.error} />
        </form>
      </section>
      {selected && <CircuitView key={selected.id} circuit={selected} />}
      <section class="card" aria-labelledby="saved-title">
        <h2 id="saved-title">Your circuits ({list.data?.totalCount ?? 0})</h2>
        <ProblemView error={list.error ?? open.error ?? remove.error} />
        <ul class="plain">
          {list.data?.edges.map(({ node }) => (
            <li key={node.id}>
              <button type="button" class="link" onClick={() => void open.run(node.id)}>{node.name}</button>
              <span class="muted"> · {node.numQubits} qubits, depth {node.depth}, {node.gateCount} gates{node.parameters.length > 0 && `, parameters ${node.parameters.join(", ")}`}</span>
              {" "}<button type="button" class="quiet small" disabled={remove.busy} aria-label={`Delete ${node.name}`} onClick={() => void remove.run(node.id)}>Delete</button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}

function CircuitView({ circuit }: { circuit: Saved }) {
  const [shots, setShots] = useState(1000);
  const [seed, setSeed] = useState(7);
  const [observables, setObservables] = useState(circuit.numQubits >= 2 ? "Z0 Z1\nX0 X1" : "Z0");
  const [bindings, setBindings] = useState<Record<string, number>>(() => Object.fromEntries(circuit.parameters.map((p) => [p, 0.5])));
  const simulate = useAction(async (values: Record<string, number>) => {
    const { simulate: result } = await api.request(circuits.Simulate, {
      input: {
        circuitId: circuit.id,
        shots,
        seed,
        observables: observables.split("\n").map((o) => o.trim()).filter(Boolean),
        bindings: Object.entries(values).map(([name, value]) => ({ name, value })),
      },
      limit: 64,
    });
    return unwrap(result, "Simulation");
  });
  // A slider re-simulates as it moves, one request at a time (the newest value wins).
  const pending = useRef<Record<string, number> | null>(null);
  const running = useRef(false);
  const resimulate = useCallback(async (values: Record<string, number>) => {
    pending.current = values;
    if (running.current) return;
    running.current = true;
    while (pending.current) {
      const next = pending.current;
      pending.current = null;
      await simulate.run(next);
    }
    running.current = false;
  }, [simulate.run]);

  const result = simulate.result;
  const rows = result ? (result.shots > 0 ? result.counts.map((c) => ({ bitstring: c.bitstring, value: c.count })) : result.probabilities.map((p) => ({ bitstring: p.bitstring, value: p.probability }))) : [];
  rows.sort((a, b) => (a.bitstring < b.bitstring ? -1 : 1));
  const draw = useCallback((charts: typeof import("../charts.ts"), width: number) => charts.histogram(rows, result && result.shots > 0 ? "count" : "probability", width), [result]);

  return (
    <section class="card" aria-labelledby="circuit-title">
      <h2 id="circuit-title">{circuit.name}</h2>
      <p class="muted">{circuit.numQubits} qubits, {circuit.numClbits} bits, depth {circuit.depth}, {circuit.gateCount} gates ({circuit.format === "QASM3" ? "OpenQASM 3" : "OpenQASM 2"})</p>
      <SvgImage svg={circuit.diagram} alt={`Circuit diagram of ${circuit.name}`} />
      <form class="grid" onSubmit={(event) => { event.preventDefault(); void simulate.run(bindings); }}>
        <Field label="Shots" help="0–100,000; 0 gives exact probabilities">{(c) => <input {...c} type="number" min={0} max={100000} value={shots} onInput={(e) => setShots(e.currentTarget.valueAsNumber)} />}</Field>
        <label>Seed<input type="number" min={0} max={2147483647} value={seed} onInput={(e) => setSeed(e.currentTarget.valueAsNumber)} /></label>
        <label class="wide">Observables (Pauli sums, one per line)<textarea rows={2} value={observables} onInput={(e) => setObservables(e.currentTarget.value)} spellcheck={false} /></label>
        {circuit.parameters.map((parameter) => (
          <label key={parameter} class="wide">
            {parameter} = {fixed(bindings[parameter] ?? 0, 2)}
            <input type="range" min={-3.14} max={3.14} step={0.01} value={bindings[parameter]} onInput={(e) => {
              const next = { ...bindings, [parameter]: e.currentTarget.valueAsNumber };
              setBindings(next);
              void resimulate(next);
            }} />
          </label>
        ))}
        <button class="primary" disabled={simulate.busy}>Simulate</button>
      </form>
      <ProblemView error={simulate.error} />
      {result && (
        <div class="results" aria-live="polite">
          <Chart draw={draw} label={`${result.shots > 0 ? `Counts of ${result.shots} shots` : "Probabilities"} per bitstring: ${rows.map((r) => `${r.bitstring} ${result.shots > 0 ? r.value : fixed(r.value)}`).join(", ")}`} testId="histogram" />
          {result.expectations.length > 0 && (
            <Table label="Expectation values">
              <caption>Expectation values</caption>
              <thead><tr><th scope="col">Observable</th><th scope="col">Value</th></tr></thead>
              <tbody>{result.expectations.map((e) => <tr key={e.observable}><td><code>{e.observable}</code></td><td class="num">{fixed(e.value, 4)}</td></tr>)}</tbody>
            </Table>
          )}
        </div>
      )}
    </section>
  );
}
