// The limits both OpenQASM readers enforce, with their defaults, and the error for the one they
// share: a program that expands to too many operations.
import { CoreError } from "../errors.ts";
import type { Token } from "./lexer.ts";

export interface QasmReadOptions {
  /** Largest total number of qubits (and of classical bits) a program may declare (default 64). */
  maxQubits?: number;
  /** Largest number of operations after expanding gate definitions (default 1,000,000). */
  maxOperations?: number;
}

export function readLimits(options: QasmReadOptions): { maxQubits: number; maxOperations: number } {
  return { maxQubits: options.maxQubits ?? 64, maxOperations: options.maxOperations ?? 1_000_000 };
}

/** Gate definitions may call gates defined before them up to this many levels deep. */
export const MAX_GATE_NESTING = 64;

/**
 * The nesting level of a new gate definition (1 + its deepest callee's; standard gates are 0),
 * refused past MAX_GATE_NESTING: expanding a deeper chain would exhaust the stack.
 */
export function gateNesting(calleeLevels: readonly number[], at: Token): number {
  const level = 1 + Math.max(0, ...calleeLevels);
  if (level > MAX_GATE_NESTING) {
    throw new CoreError("LIMIT_EXCEEDED", `gate definitions nest deeper than ${MAX_GATE_NESTING} levels (each calling the previous)`, at.line, at.column);
  }
  return level;
}

export function tooManyOperations(maxOperations: number, at: Token): CoreError {
  return new CoreError("LIMIT_EXCEEDED", `the program expands to more than ${maxOperations} operations`, at.line, at.column);
}
