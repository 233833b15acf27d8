// Datasets: a user's labelled examples, added in batches or imported from CSV (validated row by
// row; a bad row names its row and column and nothing is written).
import { limits } from "../config/index.ts";
import type { Labeled } from "../ml/index.ts";
import type { Db } from "./db.ts";
import { requireOwned } from "./ownership.ts";
import { InvalidInputError, type InputIssue } from "./errors.ts";
import { checkQuota, createUnderQuota } from "./quotas.ts";
import { idempotentCall, replayed, type GivenKey } from "./idempotency.ts";
import { inTransaction, lockRow, type Tx } from "./transactions.ts";
import { parse } from "csv-parse/sync";

export type DatasetRecord = Awaited<ReturnType<Db["dataset"]["findUniqueOrThrow"]>>;
export type DatasetKind = "CLASSIFICATION" | "REGRESSION" | "RATINGS";

export interface NewDataset {
  name: string;
  kind: DatasetKind;
  numFeatures: number;
  classes?: string[] | null;
}

export interface NewExample {
  features: number[];
  /** A class name (CLASSIFICATION) or a number (REGRESSION, RATINGS). */
  label: string | number;
}

async function checkDatasetQuota(tx: Tx, ownerId: string): Promise<void> {
  checkQuota("datasets", await tx.dataset.count({ where: { ownerId } }));
}

export async function createDataset(db: Db, ownerId: string, input: NewDataset): Promise<DatasetRecord> {
  const classes = input.kind === "CLASSIFICATION" ? (input.classes ?? []) : [];
  return createUnderQuota(db, ownerId, (tx) => checkDatasetQuota(tx, ownerId), (tx) =>
    tx.dataset.create({ data: { ownerId, name: input.name.trim(), kind: input.kind, numFeatures: input.numFeatures, classes } }),
  );
}

export async function findOwnDataset(db: Db, ownerId: string, id: string): Promise<DatasetRecord> {
  return requireOwned(await db.dataset.findUnique({ where: { id } }), ownerId, "Dataset", id);
}

/**
 * Deletes one of the user's datasets and its examples. Refused while a job trains on it (cancel
 * the job first); ended jobs keep their record and lose the link.
 */
export async function deleteDataset(db: Db, ownerId: string, id: string): Promise<DatasetRecord> {
  const dataset = await findOwnDataset(db, ownerId, id);
  return inTransaction(db, async (tx) => {
    await lockRow(tx, "Dataset", dataset.id);
    const training = await tx.trainingJob.count({ where: { datasetId: dataset.id, status: { in: ["QUEUED", "RUNNING"] } } });
    if (training) throw new InvalidInputError([{ path: ["id"], message: "a training job is using this dataset: cancel it (cancelTraining) or let it finish first" }]);
    await tx.dataset.delete({ where: { id: dataset.id } });
    return dataset;
  });
}

/** Adds up to maxExamplesPerCall examples; every one is checked first, all problems reported at once. */
export async function addExamples(db: Db, ownerId: string, datasetId: string, examples: NewExample[]): Promise<number> {
  const dataset = await findOwnDataset(db, ownerId, datasetId);
  if (examples.length > limits.dataset.maxExamplesPerCall) {
    throw new InvalidInputError([{ path: ["examples"], message: `must have at most ${limits.dataset.maxExamplesPerCall} examples per call` }]);
  }
  return insertExamples(db, dataset, examples, ["examples"], (i) => ["examples", String(i)]);
}

export interface CsvImport extends NewDataset {
  csv: string;
}

/**
 * Creates a dataset from CSV text in one write: a header row naming the columns (the last is the
 * label), then one example per row; "." decimals; class labels are class names. Problems name
 * their row (1 = the header) and column, and nothing is written.
 */
export async function importDataset(db: Db, ownerId: string, input: CsvImport, key: GivenKey | null = null): Promise<DatasetRecord> {
  const call = idempotentCall<DatasetRecord>(
    key,
    "importDataset",
    { name: input.name, kind: input.kind, numFeatures: input.numFeatures, classes: input.classes ?? null, csv: input.csv },
    (tx, id) => tx.dataset.findFirst({ where: { id, ownerId } }),
    (dataset) => dataset.id,
  );
  const earlier = await replayed(db, ownerId, call);
  if (earlier) return earlier;
  const meta = { kind: input.kind, numFeatures: input.numFeatures, classes: input.kind === "CLASSIFICATION" ? (input.classes ?? []) : [] };
  const rows = parseCsv(meta, input.csv);
  if (rows.length > limits.dataset.maxExamples) {
    throw new InvalidInputError([{ path: ["input", "csv"], message: `has ${rows.length} examples; a dataset holds at most ${limits.dataset.maxExamples}` }]);
  }
  return createUnderQuota(db, ownerId, (tx) => checkDatasetQuota(tx, ownerId), (tx) =>
    tx.dataset.create({
      data: { ownerId, name: input.name.trim(), ...meta, examples: { createMany: { data: rows.map((r, position) => ({ position, features: r.features, label: r.label })) } } },
    }),
    call,
  );
}

/**
 * Parses RFC 4180 CSV (csv-parse: quoted cells may hold commas, quotes and line breaks; blank
 * lines are skipped; cells are trimmed). "Row N" is the line a record ends on (1 = the header).
 * Features and numeric labels must be plain decimals (see parseDecimal).
 */
export function parseCsv(meta: DatasetMeta, csv: string): { features: number[]; label: number }[] {
  const at = (row: number, ...rest: string[]) => ["input", "csv", `row ${row}`, ...rest];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(csv, { relax_column_count: true, skip_empty_lines: true, trim: true, info: true }) as unknown as typeof records;
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    throw new InvalidInputError([{ path: lines ? at(lines) : ["input", "csv"], message: `is not valid CSV: ${message.replace(/^[A-Za-z ]+: /, "")}` }]);
  }
  if (records.length < 2) throw new InvalidInputError([{ path: ["input", "csv"], message: "needs a header row and at least one data row" }]);
  const width = meta.numFeatures + 1;
  const [header, ...rows] = records;
  if (header!.record.length !== width) {
    throw new InvalidInputError([{ path: at(header!.info.lines), message: `the header has ${header!.record.length} columns; this dataset needs ${width} (${meta.numFeatures} features, then the label)` }]);
  }
  const categorical = categoricalColumns(header!.record, rows.map((r) => r.record).filter((cells) => cells.length === width));
  const issues: InputIssue[] = categorical.map((c) => c.issue);
  const examples: (NewExample & { line: number })[] = [];
  for (const { record: cells, info } of rows) {
    if (cells.length !== width) {
      issues.push({ path: at(info.lines), message: `has ${cells.length} columns; expected ${width} (a cell holding a comma must be quoted: "1,5")` });
      continue;
    }
    const features = cells.slice(0, -1).map(parseDecimal);
    // A text column was named once above; its cells are not listed again row by row.
    const bad = features.findIndex((x, j) => Number.isNaN(x) && !categorical.some((c) => c.column === j));
    if (bad >= 0) issues.push({ path: at(info.lines, `column ${bad + 1}`), message: notDecimal(cells[bad]!) });
    // A cell that is not a number is reported above; its row's label is still checked, so one
    // answer names every problem (the placeholder 0 is never written: any issue refuses the file).
    examples.push({ features: features.map((x) => (Number.isNaN(x) ? 0 : x)), label: cells.at(-1)!, line: info.lines });
  }
  const { rows: checked, issues: labelIssues } = examineExamples(meta, examples, (i) => at(examples[i]!.line));
  throwIssues([...issues, ...labelIssues].sort((a, b) => rowOf(a) - rowOf(b)));
  return checked;
}

/**
 * Feature columns that hold words rather than numbers (most of their cells are not decimals):
 * categorical data, refused once per column with the fix, instead of once per row. Superpose does
 * not one-hot encode for you: the categories seen in one upload need not be all there are, and a
 * model's width must not change when a new one appears.
 */
function categoricalColumns(header: string[], rows: string[][]): { column: number; issue: InputIssue }[] {
  const found: { column: number; issue: InputIssue }[] = [];
  for (let j = 0; j < header.length - 1; j++) {
    const words = rows.map((cells) => cells[j]!).filter((cell) => Number.isNaN(parseDecimal(cell)));
    if (words.length < 2 || words.length * 2 < rows.length) continue;
    const categories = [...new Set(words)];
    const more = categories.length > 4 ? ", …" : "";
    const shown = categories.slice(0, 4).map((c) => JSON.stringify(c)).join(", ") + more;
    const columns = categories.slice(0, 4).map((c) => `${header[j]}_${c}`).join(", ") + more;
    found.push({
      column: j,
      issue: {
        path: ["input", "csv", `column ${j + 1}`],
        message:
          `"${header[j]}" holds text in ${words.length} of ${rows.length} rows (${categories.length} categories: ${shown}); features must be numbers. ` +
          `Encode it one-hot before importing: one 0/1 column per category (${columns}), counted in numFeatures`,
      },
    });
  }
  return found;
}

/** The row number of a CSV issue's path ("row 7" → 7), for listing issues in file order. */
function rowOf(issue: InputIssue): number {
  return Number(/^row (\d+)$/.exec(issue.path[2] ?? "")?.[1] ?? 0);
}

/**
 * A plain decimal number ("5.1", "-0.25", ".5", "1e-3"), or NaN: not hexadecimal, binary or octal
 * ("0x10"), "Infinity" or a blank, which Number() would read as 16, Infinity and 0.
 */
export function parseDecimal(text: string): number {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text.trim()) ? Number(text) : NaN;
}

function notDecimal(cell: string): string {
  const comma = /^[+-]?\d+,\d+$/.test(cell) ? `: the decimal separator is "." (${cell.replace(",", ".")})` : " (like 5.1, -0.25 or 1e-3)";
  return `"${cell}" is not a decimal number${comma}`;
}

/** Refuses with every problem counted, the first limits.dataset.maxIssues listed. */
function throwIssues(issues: InputIssue[]): void {
  if (issues.length) throw new InvalidInputError(issues.slice(0, limits.dataset.maxIssues), issues.length);
}

async function insertExamples(db: Db, dataset: DatasetRecord, examples: NewExample[], root: string[], pathOf: (i: number) => string[]): Promise<number> {
  const rows = checkExamples(dataset, examples, pathOf);
  // Writers of one dataset queue on its row lock, so the count, the quota and the positions
  // (dense, in insertion order: what training snapshots refer to) stay exact under concurrency.
  return inTransaction(db, async (tx) => {
    await lockRow(tx, "Dataset", dataset.id);
    const existing = await tx.example.count({ where: { datasetId: dataset.id } });
    if (existing + rows.length > limits.dataset.maxExamples) {
      throw new InvalidInputError([{ path: root, message: `the dataset would hold ${existing + rows.length} examples; the most is ${limits.dataset.maxExamples}` }]);
    }
    await tx.example.createMany({ data: rows.map((r, i) => ({ datasetId: dataset.id, position: existing + i, features: r.features, label: r.label })) });
    return rows.length;
  });
}

/**
 * A dataset's examples as ml/ data (labels as class indices or numbers), in insertion order:
 * all of them, or the first `count` (a training job's snapshot).
 */
export async function datasetExamples(db: Db, dataset: DatasetRecord, count: number | null = null): Promise<Labeled> {
  const examples = await db.example.findMany({
    where: { datasetId: dataset.id, ...(count === null ? {} : { position: { lt: count } }) },
    orderBy: { position: "asc" },
  });
  return { rows: examples.map((e) => e.features as number[]), labels: examples.map((e) => e.label) };
}

export function datasetClasses(dataset: DatasetRecord): string[] {
  return Array.isArray(dataset.classes) ? (dataset.classes as string[]) : [];
}

/** What checking an example needs to know about its dataset. */
export interface DatasetMeta {
  kind: string;
  numFeatures: number;
  classes: unknown;
}

function checkExamples(dataset: DatasetMeta, examples: NewExample[], pathOf: (i: number) => string[]): { features: number[]; label: number }[] {
  const { rows, issues } = examineExamples(dataset, examples, pathOf);
  throwIssues(issues);
  return rows;
}

/** Each example's features and label against the dataset: the rows as stored, and every problem. */
function examineExamples(dataset: DatasetMeta, examples: NewExample[], pathOf: (i: number) => string[]): { rows: { features: number[]; label: number }[]; issues: InputIssue[] } {
  const classes = Array.isArray(dataset.classes) ? (dataset.classes as string[]) : [];
  const issues: InputIssue[] = [];
  const max = limits.dataset.maxAbsValue;
  const rows = examples.map((example, i) => {
    if (example.features.length !== dataset.numFeatures) {
      issues.push({ path: [...pathOf(i), "features"], message: `has ${example.features.length} values; this dataset has ${dataset.numFeatures} features` });
    }
    const outOfRange = example.features.findIndex((x) => !Number.isFinite(x) || Math.abs(x) > max);
    if (outOfRange >= 0) issues.push({ path: [...pathOf(i), "features", String(outOfRange)], message: `must be a number between -${max} and ${max}` });
    const label = dataset.kind === "CLASSIFICATION" ? classes.indexOf(String(example.label)) : typeof example.label === "number" ? example.label : parseDecimal(example.label);
    if (dataset.kind === "CLASSIFICATION" && label < 0) {
      issues.push({ path: [...pathOf(i), "label"], message: `"${String(example.label)}" is not a class of this dataset (${classes.join(", ")})` });
    } else if (dataset.kind === "RATINGS" && !(Math.abs(label) <= 1)) {
      issues.push({ path: [...pathOf(i), "label"], message: "a rating must be a number between -1 and 1" });
    } else if (!Number.isFinite(label) || Math.abs(label) > max) {
      issues.push({ path: [...pathOf(i), "label"], message: `must be a number between -${max} and ${max}` });
    }
    return { features: example.features, label };
  });
  return { rows, issues };
}
