// A labelled table from CSV text: a header row of column names, numeric features, and a class
// name in the last column. For the bundled public tables (ml/data/public); user uploads go
// through the API's importDataset, which validates every cell.
import type { Labeled } from "./dataset.ts";

export interface Table extends Labeled {
  name: string;
  featureNames: string[];
  /** Class names in order of first appearance; labels index them. */
  classes: string[];
}

export function parseTable(name: string, csv: string): Table {
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  const columns = header!.split(",");
  const classes: string[] = [];
  const rows: number[][] = [], labels: number[] = [];
  for (const line of lines) {
    const cells = line.split(",");
    if (cells.length !== columns.length) throw new Error(`${name}: a row has ${cells.length} cells; the header has ${columns.length}`);
    const label = cells.pop()!;
    if (!classes.includes(label)) classes.push(label);
    rows.push(cells.map(Number));
    labels.push(classes.indexOf(label));
  }
  return { name, featureNames: columns.slice(0, -1), classes, rows, labels };
}
