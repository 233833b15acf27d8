// Statevector engine benchmark: our core/ against quantum-circuit, jsqubits and Microsoft's QDK
// (qsharp-lang) on the same workloads, in one process, with ratios; against qulacs, the native
// reference, built from ../shared/anchors (bench/peers/qulacs.ts), in the same run; plus the
// memory-copy floor, adjoint-gradient cost and batched evaluation.
//
//   npm run bench:core                 (BENCH_QUBITS=12,14,16,20,22,24 to choose sizes)
import {
  adjointGradient, bindingValues, CircuitBuilder, compileCircuit, expectationBatch, PauliSum, type Program, runProgram, StateVector, symbol,
} from "../core/index.ts";
import os from "node:os";
import path from "node:path";
import { useKernelThreads } from "../core/kernels/simd/threads.ts";
import { startEngineThreads } from "../services/engine-threads.ts";
import { runJsqubits } from "./peers/jsqubits.ts";
import { qulacsDriver, runQulacs } from "./peers/qulacs.ts";
import { qsharpProgram, runQsharp } from "./peers/qsharp.ts";
import { runQuantumCircuit } from "./peers/quantum-circuit.ts";
import { formatMs, formatRatio, printTable, time } from "./support/timing.ts";
import { hadamardChain, rotationLayers, vqc, type Workload } from "./support/workloads.ts";

const SIZES = (process.env.BENCH_QUBITS ?? "12,14,16,20,22,24").split(",").map(Number);
// Peers are orders of magnitude slower; beyond these sizes one run takes minutes.
const PEER_LIMITS = { quantumCircuit: 14, jsqubits: 14, qsharp: 16 };

function toCircuit(n: number, workload: Workload, symbolic = false) {
  const b = new CircuitBuilder(n);
  for (const g of workload.gates) {
    const angle = symbolic && g.symbol ? symbol(g.symbol) : g.angle!;
    if (g.name === "h") b.h(g.qubits[0]!);
    else if (g.name === "cx") b.cx(g.qubits[0]!, g.qubits[1]!);
    else b.gate(g.name, g.qubits, [angle]);
  }
  return b.build();
}

function bindingsOf(workload: Workload): Record<string, number> {
  return Object.fromEntries(workload.gates.filter((g) => g.symbol).map((g) => [g.symbol!, g.angle!]));
}

/** Our run; `kernels: "js"` keeps the state in plain arrays, so the JavaScript kernels run instead of WebAssembly SIMD. */
async function ours(n: number, program: Program, values: Float64Array, kernels: "simd" | "js" = "simd") {
  const state = kernels === "simd" ? StateVector.zero(n, 26) : new StateVector(n, new Float64Array(2 ** n), new Float64Array(2 ** n));
  const timing = await time(() => {
    state.re.fill(0);
    state.im.fill(0);
    state.re[0] = 1;
    runProgram(program, values, state);
  });
  // Σ i·|ψ_i|², the native driver's checksum: equal when both ran the same circuit.
  let checksum = 0;
  for (let i = 0; i < state.re.length; i++) checksum += i * (state.re[i]! ** 2 + state.im[i]! ** 2);
  return { ...timing, checksum };
}

async function copyFloor(n: number) {
  const size = 2 ** n;
  const [a, b, c, d] = [new Float64Array(size), new Float64Array(size), new Float64Array(size), new Float64Array(size)];
  a.fill(0.5);
  c.fill(0.25);
  return time(() => {
    b.set(a);
    d.set(c);
  });
}

async function peers(n: number, workload: Workload) {
  const result: { quantumCircuit?: number; jsqubits?: number; qsharp?: number } = {};
  if (n <= PEER_LIMITS.quantumCircuit) result.quantumCircuit = (await time(() => runQuantumCircuit(n, workload), { minRuns: 1, minMs: 0, warmup: 0 })).medianMs;
  if (n <= PEER_LIMITS.jsqubits) result.jsqubits = (await time(() => runJsqubits(n, workload), { minRuns: 1, minMs: 0, warmup: 0 })).medianMs;
  if (n <= PEER_LIMITS.qsharp) {
    const full = await time(() => runQsharp(qsharpProgram(n, workload)), { minRuns: 2, minMs: 0 });
    const empty = await time(() => runQsharp(qsharpProgram(n, undefined)), { minRuns: 3, minMs: 0 });
    result.qsharp = Math.max(full.medianMs - empty.medianMs, 0.01); // simulation only, without compiling
  }
  return result;
}

async function main() {
  console.log(`Node ${process.version}; sizes ${SIZES.join(", ")}; peers up to ${JSON.stringify(PEER_LIMITS)} qubits`);
  // The engine's threads, used only for the "2 threads" column (everything else runs on one thread).
  const threads = startEngineThreads(Math.min(2, os.availableParallelism()));
  useKernelThreads(undefined);
  // The native driver runs first, in a process of its own, so it never shares the CPU with us.
  const driver = qulacsDriver(path.resolve(import.meta.dirname, ".."));
  const qulacs = driver ? runQulacs(driver, SIZES, [1, 2]) : null;
  console.log(driver ? `qulacs: ${driver} (1 and 2 OpenMP threads)\n` : "qulacs: no native driver; build it once with `bash ../shared/anchors/qulacs/build.sh .native/qulacs` (~7 min), or set QULACS_DRIVER\n");
  const nativeRows: string[][] = [];
  for (const make of [hadamardChain, rotationLayers, vqc]) {
    const rows: string[][] = [];
    let title = "";
    for (const n of SIZES) {
      const workload = make(n);
      title = workload.name;
      const circuit = toCircuit(n, workload, make === vqc);
      const program = compileCircuit(circuit);
      const values = bindingValues(program, bindingsOf(workload));
      const run = await ours(n, program, values);
      const mine = run.medianMs;
      const floor = (await copyFloor(n)).medianMs;
      const perGate = mine / workload.gates.length;
      const p = await peers(n, workload);
      const steps = program.steps.length;
      rows.push([
        String(n), String(workload.gates.length), String(steps), formatMs(mine), formatMs(perGate), formatRatio(perGate / floor),
        formatMs(p.quantumCircuit), formatRatio(p.quantumCircuit && p.quantumCircuit / mine),
        formatMs(p.jsqubits), formatRatio(p.jsqubits && p.jsqubits / mine),
        formatMs(p.qsharp), formatRatio(p.qsharp && p.qsharp / mine),
      ]);
      const [one, two] = [qulacs?.(workload.name, n, 1), qulacs?.(workload.name, n, 2)];
      if (one) {
        const js = (await ours(n, program, values, "js")).medianMs;
        useKernelThreads(threads);
        const split = (await ours(n, program, values)).medianMs;
        useKernelThreads(undefined);
        const agrees = Math.abs(run.checksum - one.checksum) <= 1e-9 * Math.max(1, Math.abs(one.checksum));
        nativeRows.push([
          workload.name, String(n), formatMs(js), formatMs(mine), formatRatio(js / mine), formatMs(one.bestMs), formatRatio(mine / one.bestMs),
          formatMs(split), formatRatio(split / one.bestMs), formatMs(two?.bestMs), formatRatio(two && split / two.bestMs),
          agrees ? "yes" : `NO: ${run.checksum} vs ${one.checksum}`,
        ]);
      }
    }
    console.log(`\n## ${title}`);
    printTable(
      ["n", "gates", "steps", "ours", "per gate", "÷ copy", "quantum-circuit", "×", "jsqubits", "×", "qsharp (sim only)", "×"],
      rows,
    );
  }
  console.log("\n'÷ copy': our time per gate divided by one copy of the statevector (dst.set(src) on its re and im arrays).");
  console.log("'×': the peer's time divided by ours (higher is better for us). Steps: kernel passes after fusion.\n");
  if (nativeRows.length) {
    console.log("## Native reference: qulacs (best of gate by gate, optimize_light, dense 2-qubit blocks), one thread for us");
    printTable(["workload", "n", "ours, JS kernels", "ours", "SIMD gain", "qulacs 1 thread", "ours ÷ it", "ours, 2 threads", "÷ qulacs 1 thread", "qulacs 2 threads", "ours 2T ÷ it", "same state"], nativeRows);
    console.log("'ours, JS kernels': the same run with the state in plain arrays (the JavaScript kernels, the reference); 'ours': WebAssembly SIMD, one thread;");
    console.log(`'ours, 2 threads': with services/engine-threads.ts (${threads?.count ?? 1} threads; states from 2^17 amplitudes split).`);
    console.log("'÷': our time divided by qulacs's (lower is better for us; issue 14 aims at ≤ 1.5× at n = 20 and 24 and ≤ 2× at 12–14 on one thread, < 1× with the cores).");
    console.log("'same state': Σ i·|ψ_i|² of the final state agrees to 1e-9 (relative).\n");
  }

  // Adjoint gradient of ⟨Z0⟩ through every VQC weight, against one forward pass.
  const gradientRows: string[][] = [];
  for (const n of SIZES.filter((s) => s <= 20)) {
    const workload = vqc(n);
    const program = compileCircuit(toCircuit(n, workload, true));
    const values = bindingValues(program, bindingsOf(workload));
    const observable = PauliSum.parse("Z0");
    const forward = (await ours(n, program, values)).medianMs;
    const gradient = (await time(() => adjointGradient(program, values, observable, { maxQubits: 26 }))).medianMs;
    const weights = program.symbols.filter((s) => s.startsWith("w")).length;
    gradientRows.push([String(n), String(program.symbols.length), formatMs(forward), formatMs(gradient), formatRatio(gradient / forward), formatMs(2 * weights * forward), formatRatio((2 * weights * forward) / gradient)]);
  }
  console.log("## Adjoint gradient (VQC, ⟨Z0⟩, all parameters)");
  printTable(["n", "params", "forward", "adjoint gradient", "÷ forward", "parameter-shift (2P forwards)", "adjoint ×"], gradientRows);

  // Batched serving: 1,000 inputs through an 8-qubit, 4-layer VQC with shared weights.
  const n = 8, count = 1000;
  const workload = vqc(n);
  const program = compileCircuit(toCircuit(n, workload, true));
  const base = bindingsOf(workload);
  const rows = new Float64Array(count * program.symbols.length);
  for (let r = 0; r < count; r++) {
    const bindings = { ...base };
    for (let q = 0; q < n; q++) bindings[`x${q}`] = ((r * 7 + q * 13) % 100) / 100;
    rows.set(bindingValues(program, bindings), r * program.symbols.length);
  }
  const observables = [PauliSum.parse("Z0")];
  const batched = (await time(() => expectationBatch(program, rows, count, observables))).medianMs;
  const oneByOne = (await time(() => {
    for (let r = 0; r < count; r++) runProgram(program, rows.subarray(r * program.symbols.length, (r + 1) * program.symbols.length));
  })).medianMs;
  console.log(`\n## Batched evaluation: ${count} inputs, ${n} qubits, 4-layer VQC (${workload.gates.length} gates), ⟨Z0⟩ each`);
  printTable(["mode", "total", "per input"], [
    ["expectationBatch", formatMs(batched), formatMs(batched / count)],
    ["one runProgram per input", formatMs(oneByOne), formatMs(oneByOne / count)],
  ]);
  console.log(`batched is ${formatRatio(oneByOne / batched)} faster than one at a time`);
}

await main();
process.exit(0);
