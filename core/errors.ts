// Errors the engine raises: values with a stable code and a message saying what to change.
// QASM errors also carry the 1-based line and column of the offending token.

export type CoreErrorCode =
  | "CIRCUIT_INVALID" // an operation does not fit the circuit (qubit out of range, wrong parameter count, ...)
  | "UNKNOWN_GATE"
  | "NOT_UNITARY"
  | "UNBOUND_PARAMETER" // a symbolic parameter has no value at run time
  | "LIMIT_EXCEEDED" // qubits, shots, or state size beyond the configured limit
  | "OBSERVABLE_SYNTAX"
  | "QASM_SYNTAX"
  | "QASM_SEMANTIC"
  | "QASM_UNSUPPORTED";

export class CoreError extends Error {
  constructor(
    readonly code: CoreErrorCode,
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(line === undefined ? `${code}: ${message}` : `${code} at ${line}:${column}: ${message}`);
    this.name = "CoreError";
  }
}
