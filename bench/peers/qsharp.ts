// Peer: Microsoft's QDK simulator (npm `qsharp-lang`, WebAssembly). Each run compiles a Q# program;
// the compile-and-allocate cost is measured with an empty program and subtracted by the caller.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { getCompiler, loadWasmModule, QscEventTarget } from "qsharp-lang";
import type { Workload } from "../support/workloads.ts";

type Compiler = Awaited<ReturnType<typeof getCompiler>>;
let compiler: Compiler | undefined;

export async function qsharpCompiler(): Promise<Compiler> {
  if (!compiler) {
    const entry = createRequire(import.meta.url).resolve("qsharp-lang");
    const wasm = path.join(path.dirname(entry), "..", "lib", "web", "qsc_wasm_bg.wasm");
    await loadWasmModule(fs.readFileSync(wasm).buffer as ArrayBuffer);
    compiler = await getCompiler();
  }
  return compiler;
}

/** Q# needs a Double literal: 1 is an Int there, 1.0 a Double. */
const double = (x: number) => (Number.isInteger(x) ? x.toFixed(1) : String(x));

export function qsharpProgram(n: number, workload: Workload | undefined): string {
  const body = (workload?.gates ?? [])
    .map((g) => {
      switch (g.name) {
        case "h": return `H(qs[${g.qubits[0]}]);`;
        case "cx": return `CNOT(qs[${g.qubits[0]}], qs[${g.qubits[1]}]);`;
        case "rx": return `Rx(${double(g.angle!)}, qs[${g.qubits[0]}]);`;
        case "ry": return `Ry(${double(g.angle!)}, qs[${g.qubits[0]}]);`;
        case "rz": return `Rz(${double(g.angle!)}, qs[${g.qubits[0]}]);`;
      }
    })
    .join("\n");
  return `namespace Bench { operation Run() : Unit { use qs = Qubit[${n}]; ${body} ResetAll(qs); } }`;
}

export async function runQsharp(program: string): Promise<void> {
  const c = await qsharpCompiler();
  const events = new QscEventTarget(true);
  await c.run({ sources: [["bench.qs", program]], languageFeatures: [], profile: "unrestricted" }, "Bench.Run()", 1, events);
  const result = events.getResults()[0];
  if (!result?.success) throw new Error(`Q# run failed: ${JSON.stringify(result?.result).slice(0, 300)}`);
}
