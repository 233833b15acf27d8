// Reading OpenQASM: parseQasm picks the reader from the version line.
import type { Circuit } from "../circuit/circuit.ts";
import { CoreError } from "../errors.ts";
import { parseQasm2, type QasmReadOptions } from "./qasm2.ts";

export type { QasmReadOptions };
export { parseQasm2 };

export function parseQasm(source: string, options: QasmReadOptions = {}): Circuit {
  const version = /^\s*(?:\/\/[^\n]*\n\s*|\/\*[\s\S]*?\*\/\s*)*OPENQASM\s+([0-9.]+)/.exec(source)?.[1];
  if (version && version.startsWith("3")) {
    throw new CoreError("QASM_UNSUPPORTED", "OpenQASM 3 is not read yet: export OpenQASM 2 (qiskit.qasm2.dumps)", 1, 1);
  }
  return parseQasm2(source, options);
}
