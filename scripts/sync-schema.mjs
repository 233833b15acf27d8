// Derives prisma/postgres/schema.prisma from prisma/schema.prisma, the single source of truth.
// Only the provider and the client output change; the Pothos types come from the SQLite run
// (the two clients expose the same model API).
import fs from "node:fs";

const source = fs.readFileSync("prisma/schema.prisma", "utf8");
const derived = source
  .replace(/^\/\/ Source of truth.*\n(\/\/.*\n)*/, "// GENERATED from prisma/schema.prisma by `npm run db:sync-schema`. Do not edit.\n")
  .replace(/(datasource\s+db\s*\{[^}]*provider\s*=\s*)"sqlite"/, '$1"postgresql"')
  .replace(/(output\s*=\s*)"\.\/generated\/sqlite"/, '$1"../generated/postgres"')
  .replace(/\ngenerator pothos \{[^}]*\}\n/, "");

if (!derived.includes('"postgresql"') || derived.includes("prisma-pothos-types") || !derived.includes("../generated/postgres")) {
  throw new Error("sync-schema: prisma/schema.prisma no longer matches the expected layout; update scripts/sync-schema.mjs");
}
fs.mkdirSync("prisma/postgres", { recursive: true });
const target = "prisma/postgres/schema.prisma";
if (process.argv.includes("--check")) {
  const current = fs.existsSync(target) ? fs.readFileSync(target, "utf8") : "";
  if (current !== derived) {
    console.error(`${target} is out of date: run \`npm run db:sync-schema\``);
    process.exit(1);
  }
} else {
  fs.writeFileSync(target, derived);
  console.log(`wrote ${target}`);
}
