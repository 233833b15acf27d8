// The engine's worker threads (services/engine-threads.ts) running core's kernels on parts of big
// states: real workers, real shared memories; the result must be the single-thread result, bit
// for bit, through single steps and cache-blocked groups alike.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { afterAll, describe, expect, it } from "vitest";
import { compileCircuit, Rng, runProgram, StateVector } from "../../core/index.ts";
import { kernelThreads, THREADS_MIN_AMPLITUDES, useKernelThreads } from "../../core/kernels/simd/threads.ts";
import { engineThreadCount, type EngineThreads, startEngineThreads } from "../../services/engine-threads.ts";
import { randomCircuit } from "../core/support/random-circuit.ts";

const n = Math.log2(THREADS_MIN_AMPLITUDES); // the smallest state that splits
const root = path.resolve(import.meta.dirname, "../..");

/** The same program alone and through the pool (counting the tasks it was handed, so a silent fallback cannot pass). */
function runBoth(seed: number, pool: EngineThreads, options: { blockQubits?: number } = {}) {
  const program = compileCircuit(randomCircuit(new Rng(seed), n, 60).circuit);
  useKernelThreads(undefined);
  const alone = runProgram(program, new Float64Array(), undefined, options).state;
  let tasks = 0;
  useKernelThreads({ count: pool.count, run: (...args) => { tasks++; pool.run(...args); } });
  const split = runProgram(program, new Float64Array(), undefined, options).state;
  useKernelThreads(pool);
  return { alone, split, tasks };
}

const sameBits = (a: StateVector, b: StateVector) => a.re.every((x, i) => Object.is(x, b.re[i])) && a.im.every((x, i) => Object.is(x, b.im[i]));

describe("engine threads", () => {
  const pool = startEngineThreads(2)!;
  afterAll(() => pool.close());

  it("installs itself as core's kernel threads", () => {
    expect(pool.count).toBe(2);
    expect(kernelThreads()).toBe(pool);
  });

  it("give the single-thread state, bit for bit, on random circuits (every gate kind, cache blocking on and off)", () => {
    for (let seed = 1; seed <= 6; seed++) {
      for (const blockQubits of [14, n]) {
        const { alone, split, tasks } = runBoth(seed, pool, { blockQubits });
        expect(tasks).toBeGreaterThan(0);
        expect(sameBits(alone, split), `seed ${seed}, blockQubits ${blockQubits}`).toBe(true);
        expect(alone.norm()).toBeCloseTo(1, 12);
      }
    }
  });

  it("leave small states to the caller's thread", () => {
    let tasks = 0;
    useKernelThreads({ count: 2, run: (_m, _re, _im, _task, blocks, runOwn) => { tasks++; runOwn(0, blocks); } });
    const program = compileCircuit(randomCircuit(new Rng(3), n - 1, 40).circuit);
    runProgram(program, new Float64Array());
    expect(tasks).toBe(0);
    runProgram(compileCircuit(randomCircuit(new Rng(3), n, 40).circuit), new Float64Array());
    expect(tasks).toBeGreaterThan(0);
    useKernelThreads(pool);
  });

  it("size themselves from ENGINE_THREADS, else a Lambda's memory (1 vCPU per 1,769 MB), else the cores", () => {
    const cores = engineThreadCount({});
    expect(cores).toBeGreaterThanOrEqual(1);
    expect(engineThreadCount({ ENGINE_THREADS: "1" })).toBe(1);
    expect(engineThreadCount({ ENGINE_THREADS: "64" })).toBe(cores);
    expect(engineThreadCount({ AWS_LAMBDA_FUNCTION_NAME: "f", AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "1769" })).toBe(1);
    expect(engineThreadCount({ AWS_LAMBDA_FUNCTION_NAME: "f", AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "1024" })).toBe(1);
    expect(engineThreadCount({ AWS_LAMBDA_FUNCTION_NAME: "f", AWS_LAMBDA_FUNCTION_MEMORY_SIZE: "3538" })).toBe(Math.min(2, cores));
    expect(startEngineThreads(1)).toBeUndefined();
  });

  it("run from a minified esbuild bundle as the functions are deployed (the workers' source survives bundling)", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "engine-bundle-"));
    const at = (file: string) => JSON.stringify(path.join(root, file));
    fs.writeFileSync(path.join(dir, "entry.ts"), `
      import { compileCircuit, Rng, runProgram } from ${at("core/index.ts")};
      import { useKernelThreads } from ${at("core/kernels/simd/threads.ts")};
      import { startEngineThreads } from ${at("services/engine-threads.ts")};
      import { randomCircuit } from ${at("test/core/support/random-circuit.ts")};
      const pool = startEngineThreads(2)!;
      const program = compileCircuit(randomCircuit(new Rng(5), ${n}, 60).circuit);
      useKernelThreads(undefined);
      const alone = runProgram(program, new Float64Array()).state;
      let tasks = 0;
      useKernelThreads({ count: 2, run: (...args) => { tasks++; pool.run(...args); } });
      const split = runProgram(program, new Float64Array()).state;
      const same = alone.re.every((x, i) => Object.is(x, split.re[i])) && alone.im.every((x, i) => Object.is(x, split.im[i]));
      console.log(JSON.stringify({ tasks, same }));
      await pool.close();
    `);
    // The options of scripts/bundle.mjs that change code: ESM, minified, for Node 20, require() shimmed.
    await build({
      entryPoints: [path.join(dir, "entry.ts")], outfile: path.join(dir, "entry.mjs"), bundle: true, format: "esm", platform: "node", target: "node20", minify: true, logLevel: "silent",
      banner: { js: "import { createRequire as __superposeRequire } from 'node:module'; const require = __superposeRequire(import.meta.url);" },
    });
    const out = JSON.parse(execFileSync(process.execPath, [path.join(dir, "entry.mjs")], { encoding: "utf8", timeout: 60_000 })) as { tasks: number; same: boolean };
    fs.rmSync(dir, { recursive: true, force: true });
    expect(out.tasks).toBeGreaterThan(0);
    expect(out.same).toBe(true);
  }, 90_000);

  it("uninstall on close; a closed pool's place is empty, and runs go on alone", async () => {
    const other = startEngineThreads(2)!;
    expect(kernelThreads()).toBe(other);
    const program = compileCircuit(randomCircuit(new Rng(9), n, 30).circuit);
    const split = runProgram(program, new Float64Array()).state;
    await other.close();
    expect(kernelThreads()).toBeUndefined();
    expect(sameBits(runProgram(program, new Float64Array()).state, split)).toBe(true);
    useKernelThreads(pool);
  });
});
