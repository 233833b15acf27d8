// Peer: qulacs (C++, AVX2 kernels, OpenMP threads, gate-fusion optimisers), the native speed
// reference. Not an npm package: ../shared/anchors/qulacs holds a pinned source snapshot, a build
// script and a driver that times the same workloads (bench/support/workloads.ts, transcribed),
//   bash ../shared/anchors/qulacs/build.sh .native/qulacs     (once, ~7 min; needs root for apt)
// and this module runs that driver (QULACS_DRIVER, default .native/qulacs/driver) in a process of
// its own, one and two OpenMP threads. Absent driver: null, and the bench says how to build it.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export interface QulacsTiming {
  /** The best of qulacs's three ways to run a circuit (gate by gate, optimize_light, dense 2-qubit blocks): what a qulacs user gets. */
  bestMs: number;
  /** Σ i·|ψ_i|² of its final state: equal to ours when the circuits are the same. */
  checksum: number;
}

interface DriverLine {
  n: number;
  workload: string;
  threads: number;
  plainMs: number;
  lightMs: number;
  opt2Ms: number;
  checksum: number;
}

/** The driver's workload names, by our workload names. */
const DRIVER_NAMES: Record<string, string> = {
  "H all + CNOT chain": "H all + CNOT chain",
  "10 × (rx ry rz + CNOT ladder)": "10 x (rx ry rz + CNOT ladder)",
  "4-layer VQC": "4-layer VQC",
};

export function qulacsDriver(root: string): string | null {
  const driver = process.env.QULACS_DRIVER ?? path.join(root, ".native/qulacs/driver");
  return fs.existsSync(driver) ? driver : null;
}

/** Timings by workload name, size and thread count, from one run of the driver per thread count. */
export function runQulacs(driver: string, sizes: number[], threads: number[]): (workload: string, n: number, threads: number) => QulacsTiming | undefined {
  const lines: DriverLine[] = [];
  for (const t of threads) {
    const out = execFileSync(driver, sizes.map(String), { env: { ...process.env, JSON: "1", OMP_NUM_THREADS: String(t) }, encoding: "utf8", maxBuffer: 1 << 24 });
    for (const line of out.split("\n")) if (line.startsWith("{")) lines.push(JSON.parse(line) as DriverLine);
  }
  return (workload, n, t) => {
    const line = lines.find((l) => l.workload === DRIVER_NAMES[workload] && l.n === n && l.threads === t);
    return line && { bestMs: Math.min(line.plainMs, line.lightMs, line.opt2Ms), checksum: line.checksum };
  };
}
