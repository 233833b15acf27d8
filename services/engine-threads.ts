// The engine's worker threads: the pool core/ runs big states' kernels on (core/kernels/simd/
// threads.ts says what a task is). Each worker binds the same WebAssembly kernels to a state's
// shared memory and runs the ranges of blocks it is handed; the caller's thread runs the first
// range and then waits. Tasks travel through shared memory and Atomics (a kernel step at 2^20
// amplitudes lasts ≈ 0.3 ms; a message through the event loop would cost a good part of that);
// memories travel once per state, as messages the worker reads synchronously.
import os from "node:os";
import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";
import { kernelModule } from "../core/kernels/simd/memory.ts";
import { KERNEL_NAMES, type KernelTask, type KernelThreads, useKernelThreads } from "../core/kernels/simd/threads.ts";

/** Numbers one task may take in a worker's argument area: a cache-blocked group of ≈ 400 gates. */
const TASK_CAPACITY = 4096;
/** A worker that has not finished its range by then is broken: the caller gets an error, not a hang. */
const WAIT_LIMIT_MS = 120_000;

// control[SEQ]: the task number the caller posted; control[DONE]: the last one the worker finished;
// control[FAILED]: 1 when that task threw (the state is then not to be trusted: the run fails);
// control[DEAD]: 1 when the worker's loop itself ended by an error. (Index 4: a slot it naps on.)
const SEQ = 0, DONE = 1, FAILED = 2, DEAD = 3;

interface PoolWorker {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly control: Int32Array;
  readonly args: Float64Array;
  /** Memories this worker has been sent, by id. */
  readonly known: Set<number>;
}

export interface EngineThreads extends KernelThreads {
  /** Ends the workers and uninstalls the pool. */
  close(): Promise<void>;
}

/**
 * Installs a pool of `count` threads as the engine's kernel threads: the caller's and count − 1
 * workers, started on the first task (a worker costs ≈ 20 ms to start; a cold start should not
 * pay it for a request that never simulates a big state). count defaults to engineThreadCount();
 * below 2, or without WebAssembly SIMD, nothing is installed and the result is undefined.
 */
export function startEngineThreads(count = engineThreadCount()): EngineThreads | undefined {
  if (count < 2) return undefined; // before compiling the kernels: a 1-vCPU Lambda's init pays nothing
  const module = kernelModule();
  if (!module) return undefined;
  let started: PoolWorker[] | undefined;
  const workers = () => (started ??= Array.from({ length: count - 1 }, () => startWorker(module)));
  const ids = new WeakMap<WebAssembly.Memory, number>();
  let nextId = 1, seq = 0;
  // A state's memory is dropped by the workers when the state is collected here.
  const forget = new FinalizationRegistry<number>((id) => {
    for (const w of started ?? []) if (w.known.delete(id)) w.port.postMessage({ forget: id });
  });

  const pool: EngineThreads = {
    count,
    run(memory: WebAssembly.Memory, re: number, im: number, task: KernelTask, blocks: number, runOwn: (from: number, to: number) => void) {
      const encoded = encodeTask(task);
      const parts = Math.min(count, blocks);
      if (encoded.length + 6 > TASK_CAPACITY || parts < 2) return runOwn(0, blocks);
      let id = ids.get(memory);
      if (id === undefined) {
        ids.set(memory, (id = nextId++));
        forget.register(memory, id);
      }
      seq++;
      const posted: PoolWorker[] = [];
      for (let p = 1; p < parts; p++) {
        const w = workers()[p - 1]!;
        if (!w.known.has(id)) {
          w.port.postMessage({ id, memory });
          w.known.add(id);
        }
        w.args.set([id, re, im, task.blockSize, Math.floor((p * blocks) / parts), Math.floor(((p + 1) * blocks) / parts)]);
        w.args.set(encoded, 6);
        Atomics.store(w.control, SEQ, seq);
        Atomics.notify(w.control, SEQ);
        posted.push(w);
      }
      runOwn(0, Math.floor(blocks / parts));
      try {
        for (const w of posted) awaitWorker(w, seq);
      } catch (error) {
        // This run's state is lost (the error says so); later runs go on without the pool.
        void pool.close();
        throw error;
      }
    },
    async close() {
      if (pool === currentPool) useKernelThreads((currentPool = undefined));
      for (const w of started ?? []) {
        Atomics.store(w.control, SEQ, -1);
        Atomics.notify(w.control, SEQ);
      }
      await Promise.all((started ?? []).map((w) => w.worker.terminate()));
    },
  };
  currentPool = pool;
  useKernelThreads(pool);
  return pool;
}

let currentPool: EngineThreads | undefined;

/**
 * The threads this process should use: ENGINE_THREADS when set; in a Lambda, the vCPUs its memory
 * buys (1 per 1,769 MB, up to 6 at 10,240 MB: a Lambda may show more cores than its share of CPU
 * time covers); elsewhere the cores Node may use (os.availableParallelism()).
 */
export function engineThreadCount(env: NodeJS.ProcessEnv = process.env): number {
  const cores = os.availableParallelism();
  const asked = Number(env.ENGINE_THREADS);
  if (env.ENGINE_THREADS && Number.isInteger(asked) && asked >= 1) return Math.min(asked, cores);
  const memory = Number(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE);
  if (env.AWS_LAMBDA_FUNCTION_NAME && memory > 0) return Math.max(1, Math.min(cores, Math.floor(memory / 1769)));
  return cores;
}

/** [call count, then per call: kernel index, argument count, arguments…] */
function encodeTask(task: KernelTask): number[] {
  const out = [task.calls.length];
  for (const call of task.calls) out.push(KERNEL_NAMES.indexOf(call.kernel), call.args.length, ...call.args);
  return out;
}

function awaitWorker(w: PoolWorker, seq: number): void {
  const deadline = Date.now() + WAIT_LIMIT_MS;
  for (let done = Atomics.load(w.control, DONE); done !== seq; done = Atomics.load(w.control, DONE)) {
    if (Atomics.load(w.control, DEAD)) throw new Error("an engine thread has stopped");
    if (Date.now() > deadline) throw new Error(`an engine thread did not finish its part in ${WAIT_LIMIT_MS / 1000} s`);
    Atomics.wait(w.control, DONE, done, 1_000);
  }
  if (Atomics.load(w.control, FAILED)) throw new Error("an engine thread failed while running its part of a kernel");
}

function startWorker(module: WebAssembly.Module): PoolWorker {
  const control = new Int32Array(new SharedArrayBuffer(32));
  const args = new Float64Array(new SharedArrayBuffer(8 * TASK_CAPACITY));
  const { port1, port2 } = new MessageChannel();
  // The source must not lean on anything a bundler rewrites: worker_threads comes in as an argument
  // (esbuild turns a require() inside the function into its own helper, undefined in the worker),
  // and __name is what esbuild's keepNames (tsx, vitest) wraps functions in.
  // Any error that ends the worker says so in control[DEAD] (the caller, blocked in Atomics.wait,
  // cannot hear the worker's exit event): an error, never a hang.
  const source = [
    "const __name = (f) => f;",
    `try { (${workerMain.toString()})(require("node:worker_threads")); }`,
    "catch { const { control } = require('node:worker_threads').workerData; Atomics.store(control, 3, 1); Atomics.notify(control, 1); }",
  ].join("\n");
  const worker = new Worker(source, {
    eval: true,
    workerData: { module, control, args, port: port2, names: KERNEL_NAMES },
    transferList: [port2],
  });
  worker.unref(); // an idle pool never keeps the process alive
  port1.unref();
  return { worker, port: port1, control, args, known: new Set() };
}

/**
 * A worker's whole life, run from its source text (an eval worker needs no file of its own in the
 * bundle): wait for a task, bind any new memory, run the range of blocks, say done. Self-contained:
 * it may use nothing from this module's scope.
 */
function workerMain(threads: typeof import("node:worker_threads")): void {
  const { workerData, receiveMessageOnPort } = threads;
  const { module, control, args, port, names } = workerData as { module: WebAssembly.Module; control: Int32Array; args: Float64Array; port: MessagePort; names: string[] };
  const kernelsById = new Map<number, Record<string, (...a: number[]) => void>>();
  const drain = () => {
    for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
      const message = m.message as { id?: number; memory?: WebAssembly.Memory; forget?: number };
      if (message.forget !== undefined) kernelsById.delete(message.forget);
      else kernelsById.set(message.id!, new WebAssembly.Instance(module, { env: { memory: message.memory! } }).exports as never);
    }
  };
  let seen = 0;
  for (;;) {
    // Wakes at least once a second to drop forgotten memories.
    Atomics.wait(control, 0, seen, 1_000);
    const seq = Atomics.load(control, 0);
    drain();
    if (seq < 0) return;
    if (seq === seen) continue;
    seen = seq;
    let failed = 0;
    try {
      const id = args[0]!, re = args[1]!, im = args[2]!, blockSize = args[3]!, from = args[4]!, to = args[5]!;
      let kernels = kernelsById.get(id);
      for (let tries = 0; !kernels && tries < 1_000; tries++) {
        Atomics.wait(control, 4, 0, 1); // the memory's message is on its way: look again in a moment
        drain();
        kernels = kernelsById.get(id);
      }
      if (!kernels) throw new Error(`memory ${id} never arrived`);
      const calls: { kernel: (...a: number[]) => void; args: number[] }[] = [];
      for (let k = 0, at = 7; k < args[6]!; k++) {
        const count = args[at + 1]!;
        calls.push({ kernel: kernels[names[args[at]!]!]!, args: Array.from(args.subarray(at + 2, at + 2 + count)) });
        at += 2 + count;
      }
      // core's runBlocks (kernels/simd/threads.ts), which this source cannot import.
      const bytes = 8 * blockSize;
      for (let b = from; b < to; b++) for (const call of calls) call.kernel(re + b * bytes, im + b * bytes, blockSize, ...call.args);
    } catch {
      failed = 1;
    }
    Atomics.store(control, 2, failed);
    Atomics.store(control, 1, seq);
    Atomics.notify(control, 1);
  }
}
