// A dataset for the selected model, from a CSV file (or the bundled Iris example): a preview of
// its first rows before sending, and every row-level problem the API finds, by row and column.
import { useMemo, useState } from "preact/hooks";
import { unwrap, models, type VariablesOf } from "../../client/index.ts";
import { useAction } from "../components/async.ts";
import { loadCsvParser, loadExamples, useLazy } from "../components/lazy.ts";
import { ProblemView } from "../components/problem.tsx";
import { api } from "../session.ts";
import { exampleWidth, type Blueprint, type ModelSummary } from "../model-types.ts";
import { Table } from "../components/table.tsx";

type Kind = VariablesOf<typeof models.ImportDataset>["input"]["kind"];
const PREVIEW_ROWS = 5;

function kindOf(task: ModelSummary["task"]): Kind {
  return task === "RECOMMENDATION" ? "RATINGS" : task === "REGRESSION" ? "REGRESSION" : "CLASSIFICATION";
}

export function DatasetPanel({ model, blueprint, onImported }: { model: ModelSummary; blueprint: Blueprint; onImported: () => Promise<void> }) {
  const kind = kindOf(model.task);
  const width = exampleWidth(model);
  const parse = useLazy(loadCsvParser);
  const examples = useLazy(loadExamples);
  const example = !examples ? null
    : kind === "CLASSIFICATION" && width === 4 ? { name: "iris", csv: examples.irisCsv, what: "Iris (150 flowers, 4 features, 3 species)" }
    : kind === "RATINGS" && width === 8 ? { name: "ratings", csv: examples.ratingsCsv, what: "ratings (4 user + 4 item features, a rating in [−1, 1])" } : null;
  const [name, setName] = useState("");
  const [csv, setCsv] = useState("");
  const preview = useMemo(() => {
    if (!csv || !parse) return null;
    try {
      return { rows: parse(csv, { to_line: PREVIEW_ROWS + 1, relax_column_count: true, skip_empty_lines: true }) as string[][], lines: csv.split("\n").filter((l) => l.trim()).length - 1, error: null };
    } catch (error) {
      return { rows: [], lines: 0, error: (error as Error).message };
    }
  }, [csv, parse]);
  const upload = useAction(async () => {
    const { importDataset } = await api.request(models.ImportDataset, {
      input: { name: name || "dataset", kind, numFeatures: width, csv, ...(kind === "CLASSIFICATION" ? { classes: blueprint.classes } : {}), idempotencyKey: crypto.randomUUID() },
    });
    const result = unwrap(importDataset, "DatasetPayload");
    await onImported();
    return result;
  });
  return (
    <div class="panel">
      <h3>Dataset</h3>
      <p class="muted">A CSV with a header, then per row {width} feature{width === 1 ? "" : "s"} and the {kind === "CLASSIFICATION" ? `class (${blueprint.classes.join(", ")})` : kind === "RATINGS" ? "rating" : "target"}. At most 5,000 rows and 256 KiB; every row is checked before anything is written.</p>
      <div class="row">
        <label class="file">Choose a CSV file<input type="file" accept=".csv,text/csv" onChange={async (e) => {
          const file = e.currentTarget.files?.[0];
          if (!file) return;
          setCsv(await file.text());
          setName(file.name.replace(/\.csv$/i, ""));
          upload.reset();
        }} /></label>
        {example && <button type="button" class="quiet" onClick={() => { setCsv(example.csv); setName(example.name); upload.reset(); }}>Use the example {example.what}</button>}
      </div>
      {preview && (
        <>
          {preview.error ? <p class="problem" role="alert">This file is not CSV we can read: {preview.error}</p> : (
            <Table label="CSV preview" testId="csv-preview">
              <caption>Preview: the first {Math.min(PREVIEW_ROWS, preview.rows.length - 1)} of {preview.lines} rows</caption>
              <thead><tr>{preview.rows[0]?.map((h, i) => <th scope="col" key={i}>{h}</th>)}</tr></thead>
              <tbody>{preview.rows.slice(1).map((row, r) => <tr key={r}>{row.map((cell, c) => <td key={c}>{cell}</td>)}</tr>)}</tbody>
            </Table>
          )}
          <form class="row" onSubmit={(event) => { event.preventDefault(); void upload.run(); }}>
            <label>Dataset name<input value={name} onInput={(e) => setName(e.currentTarget.value)} required maxLength={120} /></label>
            <button class="primary" disabled={upload.busy}>{upload.busy ? "Importing…" : "Import dataset"}</button>
          </form>
        </>
      )}
      {upload.result && !upload.error && <p role="status" class="ok">Imported {upload.result.added} examples into “{upload.result.dataset.name}”.</p>}
      <ProblemView error={upload.error} />
    </div>
  );
}
