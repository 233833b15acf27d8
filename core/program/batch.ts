// Batched evaluation: one compiled program over many parameter/input sets at once (serving and
// training). States are laid out amplitude-major with the batch innermost (i*block + b) and
// processed in chunks that fit in cache. A step whose symbols are equal across the chunk (shared
// trained weights) runs once with the uniform kernel; steps on per-element inputs get one matrix
// per element.
import { CoreError } from "../errors.ts";
import { type Matrix, multiply } from "../gates/matrix.ts";
import { apply1Each, apply1EachSimd, applyDenseEach } from "../kernels/per-element.ts";
import { allocateAmplitudes, type Amplitudes } from "../kernels/simd/memory.ts";
import { expectationBlock, type PauliSum } from "../observables/pauli.ts";
import { type GateStep, gateMatrix, type Program, stepMatrix } from "./compile.ts";
import { applyStep } from "./run.ts";

export interface BatchOptions {
  /** Elements per chunk; default keeps a chunk's state near 256 KiB. */
  chunkSize?: number;
}

/**
 * Runs the program for `count` value sets (rows of `valueRows`, program.symbols order) and returns
 * ⟨O_k⟩ for each row and observable: out[row * observables.length + k].
 */
export function expectationBatch(program: Program, valueRows: Float64Array, count: number, observables: readonly PauliSum[], options: BatchOptions = {}): Float64Array {
  const out = new Float64Array(count * observables.length);
  forEachChunk(program, valueRows, count, options, (re, im, block, first) => {
    observables.forEach((observable, k) => {
      const values = expectationBlock(re, im, block, observable);
      for (let b = 0; b < block; b++) out[(first + b) * observables.length + k] = values[b]!;
    });
  });
  return out;
}

/** Probabilities of every basis state for each row: out[row * 2^n + i]. */
export function probabilitiesBatch(program: Program, valueRows: Float64Array, count: number, options: BatchOptions = {}): Float64Array {
  const size = 2 ** program.numQubits;
  const out = new Float64Array(count * size);
  forEachChunk(program, valueRows, count, options, (re, im, block, first) => {
    for (let i = 0; i < size; i++) {
      for (let b = 0; b < block; b++) {
        const x = re[i * block + b]!, y = im[i * block + b]!;
        out[(first + b) * size + i] = x * x + y * y;
      }
    }
  });
  return out;
}

type ChunkVisitor = (re: Float64Array, im: Float64Array, block: number, firstRow: number) => void;

/** The default chunk's amplitudes (16,384 × 16 bytes = 256 KiB), and the workspace's scratch (a 2×2 per element of 4,096). */
const WORKSPACE_AMPLITUDES = 16_384, WORKSPACE_SCRATCH = 8 * 4_096;
let workspace: Amplitudes | undefined;

/**
 * A chunk's arrays. Up to the default chunk they are one kernel memory made once and reused by
 * every call (a call runs to its end without yielding, so no two share it): a single prediction
 * on 8 qubits (256 amplitudes, far below what pays for a memory of its own) runs the WebAssembly
 * kernels too, and allocates nothing. Bigger chunks get arrays of their own.
 */
function chunkArrays(amplitudes: number, scratch: number): Amplitudes {
  if (amplitudes > WORKSPACE_AMPLITUDES || scratch > WORKSPACE_SCRATCH) return allocateAmplitudes(amplitudes, scratch);
  workspace ??= allocateAmplitudes(WORKSPACE_AMPLITUDES, WORKSPACE_SCRATCH); // a kernel memory where WebAssembly SIMD runs
  return { re: workspace.re.subarray(0, amplitudes), im: workspace.im.subarray(0, amplitudes), scratch: workspace.scratch };
}

function forEachChunk(program: Program, valueRows: Float64Array, count: number, options: BatchOptions, visit: ChunkVisitor): void {
  if (program.hasNonUnitary) throw new CoreError("CIRCUIT_INVALID", "batched evaluation needs a circuit without mid-circuit measurement, reset or conditions");
  const symbols = program.symbols.length;
  if (valueRows.length !== count * symbols) {
    throw new CoreError("CIRCUIT_INVALID", `expected ${count} rows of ${symbols} values (${count * symbols} numbers), got ${valueRows.length}`);
  }
  const size = 2 ** program.numQubits;
  const chunk = Math.max(1, Math.min(count, options.chunkSize ?? Math.max(1, Math.floor(16_384 / size))));
  const { re, im, scratch } = chunkArrays(size * chunk, 8 * chunk);
  for (let first = 0; first < count; first += chunk) {
    const block = Math.min(chunk, count - first);
    const stateRe = block === chunk ? re : re.subarray(0, size * block);
    const stateIm = block === chunk ? im : im.subarray(0, size * block);
    stateRe.fill(0);
    stateIm.fill(0);
    for (let b = 0; b < block; b++) stateRe[b] = 1;
    const rows = valueRows.subarray(first * symbols, (first + block) * symbols);
    const uniform = uniformSymbols(rows, block, symbols);
    for (const step of program.steps as GateStep[]) runStep(step, stateRe, stateIm, block, rows, symbols, uniform, scratch);
    visit(stateRe, stateIm, block, first);
  }
}

/** uniform[s] is true when symbol s has the same value in every row of the chunk. */
function uniformSymbols(rows: Float64Array, block: number, symbols: number): boolean[] {
  const uniform = new Array<boolean>(symbols).fill(true);
  for (let s = 0; s < symbols; s++) {
    const v = rows[s];
    for (let b = 1; b < block && uniform[s]; b++) if (rows[b * symbols + s] !== v) uniform[s] = false;
  }
  return uniform;
}

function runStep(step: GateStep, re: Float64Array, im: Float64Array, block: number, rows: Float64Array, symbols: number, uniform: boolean[], scratch: Float64Array): void {
  if (step.structure === "x" || step.structure === "swap") return applyStep(re, im, block, step, undefined);
  const varies = step.gates.some((g) => g.paramGradients.some((chain) => chain.some(({ symbol }) => !uniform[symbol])));
  if (!varies) return applyStep(re, im, block, step, stepMatrix(step, rows.subarray(0, symbols)));
  const dim = 1 << step.targets.length;
  const size = 2 * dim * dim;
  const mats = new Float64Array(block * size);
  for (let b = 0; b < block; b++) {
    const values = rows.subarray(b * symbols, (b + 1) * symbols);
    let m: Matrix | undefined;
    for (const gate of step.gates) {
      const g = gateMatrix(gate, values);
      m = m ? multiply(g, m) : g;
    }
    mats.set(m!, b * size);
  }
  if (dim !== 2) return applyDenseEach(re, im, block, step.targets, mats, step.cmask);
  if (!apply1EachSimd(re, im, block, step.targets[0]!, mats, step.cmask, scratch)) apply1Each(re, im, block, step.targets[0]!, mats, step.cmask);
}
