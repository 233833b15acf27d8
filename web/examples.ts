// The repository's example files (examples/), offered by the Studio with one click.
export { default as irisCsv } from "../examples/iris.csv";
export { default as ratingsCsv } from "../examples/ratings.csv";
export { default as itemsCsv } from "../examples/items.csv";
