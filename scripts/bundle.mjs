// Bundles each Lambda handler in functions/ with esbuild into dist/functions/<name>.mjs, the files
// serverless.yml points at (locally under serverless-offline, and in the deployment zips).
// Both Prisma clients are lazy chunks, so a function loads only the one its DATABASE_URL needs.
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";

const FUNCTIONS = ["graphql", "train-burst", "fanout", "cleanup", "export-data", "export-download", "resume-training"];
const outdir = "dist/functions";

fs.rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: Object.fromEntries(FUNCTIONS.map((name) => [name, `functions/${name}.ts`])),
  outdir,
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  // The oldest Node.js the bundle runs on: development supports Node 20.19+ (package.json engines),
  // Lambda runs nodejs22.x (serverless.yml); one artifact serves both.
  target: "node20",
  minify: true,
  // Maps for stack traces (services/log.ts maps logged errors through them, on demand). Without
  // the sources inside they are a fifth of the size; a stack needs only file, line and column.
  sourcemap: "linked",
  sourcesContent: false,
  // Cold start (bench/coldstart.ts): a CommonJS module in an ESM bundle is a function V8 parses
  // twice (pre-parse at load, full parse when first required). Prefer packages' ESM builds:
  // graphql-js (no "exports" map) by its "module" field, Prisma's runtime by its .mjs file, which
  // its "exports" map gives to "import" but not to "node". ~10 ms each.
  mainFields: ["module", "main"],
  alias: { "@prisma/client/runtime/client": "./node_modules/@prisma/client/runtime/client.mjs" },
  metafile: true,
  logLevel: "warning",
  legalComments: "none",
  // GraphiQL's default tabs carry examples/journey.graphql (schema/graphiql-tabs.ts).
  loader: { ".graphql": "text" },
  // better-sqlite3 is a native addon (resolved from node_modules, local SQLite only); pg-native is
  // an optional peer of pg that we never use.
  // The AWS SDK v3 ships with the Lambda Node.js runtime (and is a dependency for local runs).
  external: ["better-sqlite3", "pg-native", "@aws-sdk/*"],
  // Some CommonJS dependencies call require() inside the ESM bundle.
  banner: { js: "import { createRequire as __superposeRequire } from 'node:module'; const require = __superposeRequire(import.meta.url);" },
});

const kib = (bytes) => `${(bytes / 1024).toFixed(0)} KiB`;
for (const [file, output] of Object.entries(result.metafile.outputs)) {
  if (file.endsWith(".map")) continue;
  const entry = output.entryPoint ? ` <- ${output.entryPoint}` : "";
  console.log(`${path.relative(".", file).padEnd(48)} ${kib(output.bytes).padStart(9)}${entry}`);
}

// Per-function package patterns: each function's zip gets its entry and only the chunks it can
// reach (static or lazy imports), so fanout ships no Prisma. serverless.yml reads this file.
const outputs = result.metafile.outputs;
// GraphiQL's inline assets (~9 MB) serve local runs only: in Lambda, whose responses stop at 6 MB,
// the page loads them from a CDN (config/env.ts, graphiqlAssets), so they stay out of the zips.
const localOnly = (file) => Object.keys(outputs[file]?.inputs ?? {}).some((input) => input.includes("@graphql-yoga/render-graphiql"));
const reachable = (file, seen = new Set()) => {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const { path: imported } of outputs[file]?.imports ?? []) if (outputs[imported]) reachable(imported, seen);
  return seen;
};
const patterns = {};
for (const name of FUNCTIONS) {
  const files = [...reachable(path.join(outdir, `${name}.mjs`))].filter((file) => !localOnly(file)).sort();
  // Keyed by the serverless.yml function name (train-burst -> trainBurst).
  patterns[name.replace(/-(\w)/g, (_, c) => c.toUpperCase())] = files.flatMap((file) => [file, `${file}.map`]);
  const bytes = files.reduce((sum, file) => sum + outputs[file].bytes, 0);
  console.log(`${`function ${name}: entry + ${files.length - 1} chunk(s)`.padEnd(48)} ${kib(bytes).padStart(9)}`);
}
fs.writeFileSync(path.join(outdir, "package-patterns.json"), `${JSON.stringify(patterns, null, 2)}\n`);
