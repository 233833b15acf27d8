// schema/schema.graphql is the API's committed contract: it must be exactly the printed schema.
import fs from "node:fs";
import { printSchema } from "graphql";
import { describe, expect, it } from "vitest";
import { schema } from "../../schema/index.ts";

describe("schema/schema.graphql", () => {
  it("matches the schema the code builds (run `npm run schema:print` after changing schema/)", () => {
    const committed = fs.readFileSync(new URL("../../schema/schema.graphql", import.meta.url), "utf8");
    expect(committed).toBe(`${printSchema(schema)}\n`);
  });
});
