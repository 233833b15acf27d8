// schema/schema.graphql is the API's committed contract: it must be exactly the printed schema;
// the operations we show people (GraphiQL's default tab, the README) must be valid against it.
import fs from "node:fs";
import { parse, printSchema, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "../../schema/index.ts";
import { GRAPHIQL_DEFAULT_QUERY } from "../../schema/server.ts";

describe("schema/schema.graphql", () => {
  it("matches the schema the code builds (run `npm run schema:print` after changing schema/)", () => {
    const committed = fs.readFileSync(new URL("../../schema/schema.graphql", import.meta.url), "utf8");
    expect(committed).toBe(`${printSchema(schema)}\n`);
  });
});

describe("documented operations", () => {
  const validOperations = (source: string) => validate(schema, parse(source)).map((e) => e.message);

  it("GraphiQL's default tab is valid against the schema", () => {
    expect(validOperations(GRAPHIQL_DEFAULT_QUERY)).toEqual([]);
  });

  it("every ```graphql block in the README is valid against the schema", () => {
    const readme = fs.readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const blocks = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(0);
    for (const block of blocks) expect(validOperations(block)).toEqual([]);
  });
});
