// Saved circuits: import from OpenQASM (read by the engine within the API's limits), read back,
// list and delete. A circuit belongs to its user; others get "not found", never a hint it exists.
import { CoreError, drawSvg, drawText, parseQasm, qasmVersion, toQasm2, toQasm3, type Circuit } from "../core/index.ts";
import { limits } from "../config/index.ts";
import type { Db } from "./db.ts";
import { requireOwned } from "./ownership.ts";
import { CircuitError, InvalidInputError } from "./errors.ts";
import type { ImportCircuitInput } from "./circuit-input.ts";

export type CircuitRecord = Awaited<ReturnType<Db["circuit"]["findUniqueOrThrow"]>>;
export type CircuitFormat = "QASM2" | "QASM3";

/** Reads OpenQASM 2 or 3 within the API's limits; anything the engine refuses becomes a CircuitError at `path`. */
export function readQasm(source: string, path: string[]): { circuit: Circuit; format: CircuitFormat } {
  try {
    const circuit = parseQasm(source, { maxQubits: limits.circuit.maxQubits, maxOperations: limits.circuit.maxOperations });
    return { circuit, format: qasmVersion(source) === 3 ? "QASM3" : "QASM2" };
  } catch (error) {
    if (error instanceof CoreError) throw CircuitError.fromCore(error, path);
    throw error;
  }
}

export async function importCircuit(db: Db, ownerId: string, input: ImportCircuitInput): Promise<CircuitRecord> {
  const { circuit, format } = readQasm(input.qasm, ["input", "qasm"]);
  const owned = await db.circuit.count({ where: { ownerId } });
  if (owned >= limits.circuit.maxPerUser) {
    throw new InvalidInputError([
      { path: ["input"], message: `you already keep ${owned} circuits, the most allowed (${limits.circuit.maxPerUser}); delete some first` },
    ]);
  }
  return db.circuit.create({
    data: {
      ownerId,
      name: input.name ?? defaultName(circuit),
      source: input.qasm,
      format,
      numClbits: circuit.numClbits,
      ...circuitFacts(circuit),
    },
  });
}

/** The caller's circuit with this id; someone else's is reported exactly like a missing one. */
export async function findCircuit(db: Db, ownerId: string, id: string): Promise<CircuitRecord> {
  return requireOwned(await db.circuit.findUnique({ where: { id } }), ownerId, "Circuit", id);
}

export async function deleteCircuit(db: Db, ownerId: string, id: string): Promise<CircuitRecord> {
  const record = await findCircuit(db, ownerId, id);
  await db.circuit.delete({ where: { id: record.id } });
  return record;
}

const parsed = new WeakMap<CircuitRecord, Circuit>();

/** The engine's circuit for a saved record (parsed once per loaded record). */
export function circuitOf(record: CircuitRecord): Circuit {
  let circuit = parsed.get(record);
  if (!circuit) {
    // Stored sources were accepted at import, under limits that may since have changed; read them
    // without the API limits so a saved circuit always opens.
    circuit = parseQasm(record.source);
    parsed.set(record, circuit);
  }
  return circuit;
}

/** The circuit written as OpenQASM 2.0 or 3.0 (standard gates; user gate definitions expanded). */
export function circuitQasm(record: CircuitRecord, version: 2 | 3): string {
  return version === 3 ? toQasm3(circuitOf(record)) : toQasm2(circuitOf(record));
}

export function circuitDiagram(record: CircuitRecord, format: "TEXT" | "SVG"): string {
  return drawCircuit(circuitOf(record), format);
}

export function drawCircuit(circuit: Circuit, format: "TEXT" | "SVG"): string {
  return format === "SVG" ? drawSvg(circuit) : drawText(circuit);
}

/** What is stored and shown about a circuit: width, depth, gate applications (measure, reset, barrier excluded), parameters. */
export function circuitFacts(circuit: Circuit): { numQubits: number; depth: number; gateCount: number; parameters: string[] } {
  return {
    numQubits: circuit.numQubits,
    depth: circuit.depth(),
    gateCount: circuit.operations.filter((op) => op.kind === "gate").length,
    parameters: circuit.parameters,
  };
}

/** How many of each operation, most frequent first (ties by name). */
export function circuitGateCounts(record: CircuitRecord): { gate: string; count: number }[] {
  return Object.entries(circuitOf(record).gateCounts())
    .map(([gate, count]) => ({ gate, count }))
    .sort((a, b) => b.count - a.count || a.gate.localeCompare(b.gate));
}

export function circuitParameters(record: CircuitRecord): string[] {
  return Array.isArray(record.parameters) ? (record.parameters as string[]) : [];
}

function defaultName(circuit: Circuit): string {
  return `${circuit.numQubits}-qubit circuit`;
}
