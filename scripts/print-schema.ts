// Prints the GraphQL schema as SDL to schema/schema.graphql (`npm run schema:print`).
// The committed file is the API's contract; test/schema/sdl.test.ts fails when it drifts.
import fs from "node:fs";
import { printSchema } from "graphql";
import { schema } from "../schema/index.ts";

const sdl = `${printSchema(schema)}\n`;
fs.writeFileSync(new URL("../schema/schema.graphql", import.meta.url), sdl);
console.log(`wrote schema/schema.graphql (${sdl.split("\n").length} lines)`);
