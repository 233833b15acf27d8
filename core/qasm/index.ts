// Reading OpenQASM: parseQasm picks the reader from the version line.
import type { Circuit } from "../circuit/circuit.ts";
import { parseQasm2 } from "./qasm2.ts";
import type { QasmReadOptions } from "./read-options.ts";
import { parseQasm3 } from "./qasm3.ts";

export type { QasmReadOptions };
export { parseQasm2, parseQasm3 };

/** Reads OpenQASM 2.0 or 3.0 (chosen by the OPENQASM line; 2.0 when it is missing or unclear). */
export function parseQasm(source: string, options: QasmReadOptions = {}): Circuit {
  return qasmVersion(source) === 3 ? parseQasm3(source, options) : parseQasm2(source, options);
}

/** The major version a program declares on its OPENQASM line (after any comments); 2 when missing or unclear. */
export function qasmVersion(source: string): 2 | 3 {
  const version = /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*OPENQASM\s+([0-9.]+)/.exec(source)?.[1];
  return version?.startsWith("3") ? 3 : 2;
}
export { toQasm2, toQasm3 } from "./writer.ts";
