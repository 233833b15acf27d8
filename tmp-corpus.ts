import fs from "node:fs";
import path from "node:path";
import { parseQasm, simulate } from "./core/index.ts";
const dir = "../shared/qasmbench/small";
let ok = 0, fail = 0;
for (const d of fs.readdirSync(dir)) for (const f of fs.readdirSync(path.join(dir, d)).filter((f) => f.endsWith(".qasm"))) {
  const src = fs.readFileSync(path.join(dir, d, f), "utf8");
  try { const c = parseQasm(src); ok++; const mid = c.hasMidCircuitMeasurement(); if (c.numQubits <= 16) simulate(c, { shots: mid ? 10 : 0, seed: 1 }); }
  catch (e) { fail++; console.log(f, (e as Error).message); }
}
console.log({ ok, fail });
