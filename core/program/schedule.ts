// Cache blocking. Consecutive gate steps that only touch the low qubits (all below blockQubits)
// act independently on each contiguous block of 2^blockQubits amplitudes, so they run block by
// block while the block sits in cache: k such gates cost one trip through memory, not k.
import { maskOf } from "../kernels/indexing.ts";
import type { GateStep, Program, Step } from "./compile.ts";

/** 2^14 amplitudes × 16 bytes = 256 KiB per block: comfortably inside a 1 MiB L2. */
export const DEFAULT_BLOCK_QUBITS = 14;

export type ScheduledStep = { kind: "single"; step: Step } | { kind: "blocked"; steps: GateStep[] };

const cache = new WeakMap<Program, Map<number, ScheduledStep[]>>();

export function schedule(program: Program, blockQubits = DEFAULT_BLOCK_QUBITS): ScheduledStep[] {
  let byBlock = cache.get(program);
  if (!byBlock) cache.set(program, (byBlock = new Map()));
  const cached = byBlock.get(blockQubits);
  if (cached) return cached;

  const result: ScheduledStep[] = [];
  let group: GateStep[] = [];
  const limit = 2 ** blockQubits;
  const flush = () => {
    if (group.length === 1) result.push({ kind: "single", step: group[0]! });
    else if (group.length > 1) result.push({ kind: "blocked", steps: group });
    group = [];
  };
  for (const step of program.steps) {
    const low =
      program.numQubits > blockQubits && step.kind === "gate" && !step.condition && (maskOf(step.targets) | step.cmask) < limit;
    if (low) {
      group.push(step as GateStep);
    } else {
      flush();
      result.push({ kind: "single", step });
    }
  }
  flush();
  byBlock.set(blockQubits, result);
  return result;
}
