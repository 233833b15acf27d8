// importDataset reads CSV as RFC 4180 says (csv-parse): quoted cells may hold commas, quotes and
// line breaks; numbers are plain decimals only; a CSV with thousands of bad rows counts them all
// and lists the first 20. Every refusal names its row and column and writes nothing.
import { beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../config/index.ts";
import { graphql, signUp } from "../support/graphql.ts";

const IMPORT = `mutation ($csv: String!, $classes: [String!]) {
  importDataset(input: { name: "csv", kind: CLASSIFICATION, numFeatures: 2, classes: $classes, csv: $csv }) {
    __typename ... on DatasetPayload { added dataset { examples(first: 5) { edges { node { features label } } } } }
    ... on ValidationError { message totalIssues issues { path message } } } }`;
let apiKey: string;
const send = (csv: string, classes = ["yes", "no"]) => graphql(IMPORT, { csv, classes }, { apiKey }).then((r) => r.body.data!.importDataset);
beforeAll(async () => { ({ apiKey } = await signUp()); });

describe("CSV like everyone else's CSV", () => {
  it("quoted cells may hold commas, quotes and line breaks; CRLF and blank lines are fine", async () => {
    const csv = '"x, first","y ""second""\nline",label\r\n1.5,2,"yes, really"\r\n\r\n"3",4e-1,"no ""way"""\r\n';
    const result = await send(csv, ["yes, really", 'no "way"']);
    expect(result).toMatchObject({ __typename: "DatasetPayload", added: 2 });
    expect(result.dataset.examples.edges.map((e: any) => e.node)).toEqual([
      { features: [1.5, 2], label: 0 }, // class indices: "yes, really", 'no "way"'
      { features: [3, 0.4], label: 1 },
    ]);
  });

  it.each([
    ["0x10", '"0x10" is not a decimal number (like 5.1, -0.25 or 1e-3)'],
    ["0b11", '"0b11" is not a decimal number (like 5.1, -0.25 or 1e-3)'],
    ["0o7", '"0o7" is not a decimal number (like 5.1, -0.25 or 1e-3)'],
    ["Infinity", '"Infinity" is not a decimal number (like 5.1, -0.25 or 1e-3)'],
    ["1_000", '"1_000" is not a decimal number (like 5.1, -0.25 or 1e-3)'],
    ['"1,5"', '"1,5" is not a decimal number: the decimal separator is "." (1.5)'],
  ])("%s is not read as a number", async (cell, message) => {
    const result = await send(`a,b,label\n1,2,yes\n${cell},2,no`);
    expect(result.issues).toEqual([{ path: ["input", "csv", "row 3", "column 1"], message }]);
  });

  it("an empty cell and a missing column are told apart, with the quoting hint", async () => {
    const result = await send("a,b,label\n,2,yes\n1.5,no");
    expect(result.issues).toEqual([
      { path: ["input", "csv", "row 2", "column 1"], message: '"" is not a decimal number (like 5.1, -0.25 or 1e-3)' },
      { path: ["input", "csv", "row 3"], message: 'has 2 columns; expected 3 (a cell holding a comma must be quoted: "1,5")' },
    ]);
  });

  it("a bad number and an unknown class are both named in one answer, in the file's order", async () => {
    const result = await send("a,b,label\n1,2,tulip\nthree,2,yes\n");
    expect(result.issues).toEqual([
      { path: ["input", "csv", "row 2", "label"], message: '"tulip" is not a class of this dataset (yes, no)' },
      { path: ["input", "csv", "row 3", "column 1"], message: '"three" is not a decimal number (like 5.1, -0.25 or 1e-3)' },
    ]);
    expect(result.totalIssues).toBe(2);
  });

  it("an unterminated quote is named with its row", async () => {
    const result = await send('a,b,label\n1,2,yes\n"3,4,no');
    expect(result.issues[0].path).toEqual(["input", "csv", "row 3"]);
    expect(result.issues[0].message).toMatch(/^is not valid CSV: .*quote/);
  });

  it(`1,667 bad rows in 5,000: all are counted, the first ${limits.dataset.maxIssues} listed, and the message says so`, async () => {
    const csv = ["a,b,label", ...Array.from({ length: 5_000 }, (_, i) => (i % 3 === 0 ? "q,1,yes" : "1,1,yes"))].join("\n");
    const result = await send(csv);
    expect(result.totalIssues).toBe(1_667);
    expect(result.issues).toHaveLength(limits.dataset.maxIssues);
    expect(result.message).toMatch(/^Invalid input: 1667 problems, the first 20 listed/);
  });

  it("a categorical column is refused once, by name, with its categories and the one-hot fix; other problems still listed", async () => {
    const colours = ["red", "green", "blue", "red", "teal", "mauve"];
    const csv = ["colour,b,label", ...colours.map((c, i) => `${c},${i === 2 ? "x" : i},yes`), "red,1,maybe"].join("\n");
    const result = await send(csv);
    expect(result.issues).toEqual([
      {
        path: ["input", "csv", "column 1"],
        message:
          '"colour" holds text in 7 of 7 rows (5 categories: "red", "green", "blue", "teal", …); features must be numbers. ' +
          "Encode it one-hot before importing: one 0/1 column per category (colour_red, colour_green, colour_blue, colour_teal, …), counted in numFeatures",
      },
      { path: ["input", "csv", "row 4", "column 2"], message: '"x" is not a decimal number (like 5.1, -0.25 or 1e-3)' },
      { path: ["input", "csv", "row 8", "label"], message: '"maybe" is not a class of this dataset (yes, no)' },
    ]);
  });
});
