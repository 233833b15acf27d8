// The README's journey is the one `npm run demo` runs: its operations are those of
// examples/journey.graphql, verbatim, its variables are JSON, and every GraphQL example in the
// README is valid against the schema (test/api/demo.test.ts runs the journey itself).
import fs from "node:fs";
import path from "node:path";
import { buildSchema, parse, validate } from "graphql";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
const journey = fs.readFileSync(path.join(root, "examples/journey.graphql"), "utf8");
const schema = buildSchema(fs.readFileSync(path.join(root, "schema/schema.graphql"), "utf8"));

/** The fenced blocks of one language in a part of the README. */
function blocks(text: string, language: string): string[] {
  return [...text.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]!.trim());
}

function section(heading: string): string {
  const start = readme.indexOf(heading);
  expect(start, `README has "${heading}"`).toBeGreaterThanOrEqual(0);
  const next = readme.slice(start + heading.length).search(/\n##+ /);
  return readme.slice(start, next < 0 ? undefined : start + heading.length + next);
}

describe("the README", () => {
  const steps = section("### The first journey, step by step");

  it("shows the journey's operations exactly as examples/journey.graphql has them", () => {
    const operations = blocks(steps, "graphql");
    expect(operations.length).toBeGreaterThanOrEqual(12);
    for (const operation of operations) expect(journey, operation.split("\n")[0]).toContain(operation);
  });

  it("gives each step's variables as JSON: those of examples/journey.variables.json, which GraphiQL's tabs carry", () => {
    const examples = JSON.parse(fs.readFileSync(path.join(root, "examples/journey.variables.json"), "utf8")) as Record<string, unknown>;
    const pairs = [...steps.matchAll(/```graphql\n(?:query|mutation) (\w+)[\s\S]*?```\s*(?:```json\n([\s\S]*?)```)?/g)];
    const withVariables = pairs.filter((m) => m[2]);
    expect(withVariables.length).toBeGreaterThanOrEqual(10);
    for (const [, operation, json] of withVariables) expect(JSON.parse(json!), operation).toEqual(examples[operation!]);
    expect(Object.keys(examples).sort()).toEqual(withVariables.map((m) => m[1]).sort());
  });

  it("has only GraphQL examples that are valid against the schema", () => {
    const documents = [journey, ...blocks(readme, "graphql")];
    for (const document of documents) expect(validate(schema, parse(document)).map((e) => e.message), document.slice(0, 80)).toEqual([]);
  });
});
