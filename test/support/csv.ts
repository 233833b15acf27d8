// CSV texts for importDataset in tests: Iris (features, then the species) and synthetic ratings
// (user features, item features, then the rating); the bundled public tables.
import fs from "node:fs";
import path from "node:path";
import { loadIris, parseTable, type PreferenceData, type Table } from "../../ml/index.ts";

export function irisCsv(): string {
  const iris = loadIris();
  return ["sepal_length,sepal_width,petal_length,petal_width,species", ...iris.rows.map((r, i) => `${r.join(",")},${iris.classes[iris.labels[i]!]}`)].join("\n");
}

export function ratingsCsv(data: PreferenceData): string {
  const width = data.userFeatures[0]!.length + data.itemFeatures[0]!.length;
  const header = [...Array.from({ length: width }, (_, j) => `f${j}`), "rating"].join(",");
  // The generator's noise can carry a rating just past ±1; the API takes ratings in [−1, 1].
  const clip = (rating: number) => Math.max(-1, Math.min(1, rating));
  return [header, ...data.ratings.map((r) => [...data.userFeatures[r.user]!, ...data.itemFeatures[r.item]!, clip(r.rating)].join(","))].join("\n");
}

/** A bundled public table (ml/data/public), as its CSV text and parsed. */
export function publicTable(name: "wine" | "breast-cancer"): { csv: string; table: Table } {
  const csv = fs.readFileSync(path.resolve(import.meta.dirname, `../../ml/data/public/${name}.csv`), "utf8");
  return { csv, table: parseTable(name, csv) };
}
