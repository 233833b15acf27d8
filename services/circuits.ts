// Saved circuits: import from OpenQASM (read by the engine within the API's limits), read back,
// list and delete. A circuit belongs to its user; others get "not found", never a hint it exists.
import { CoreError, drawSvg, drawText, parseQasm, qasmVersion, toQasm2, toQasm3, type Circuit } from "../core/index.ts";
import { limits } from "../config/index.ts";
import { workUnits, type RequestBudget } from "./budget.ts";
import { checkQuota, createUnderQuota } from "./quotas.ts";
import { utf8Bytes } from "./text.ts";
import type { Db } from "./db.ts";
import { requireOwned } from "./ownership.ts";
import { CircuitError, InvalidInputError } from "./errors.ts";
import type { ImportCircuitInput } from "./circuit-input.ts";

export type CircuitRecord = Awaited<ReturnType<Db["circuit"]["findUniqueOrThrow"]>>;
export type CircuitFormat = "QASM2" | "QASM3";

/** Reads OpenQASM 2 or 3 within the API's limits; anything the engine refuses becomes a CircuitError at `path`. */
export function readQasm(source: string, path: string[], budget: RequestBudget): { circuit: Circuit; format: CircuitFormat } {
  budget.charge(source.length * workUnits.parsePerByte, "reading the OpenQASM source", path);
  try {
    const circuit = parseQasm(source, { maxQubits: limits.circuit.maxQubits, maxOperations: limits.circuit.maxOperations });
    return { circuit, format: qasmVersion(source) === 3 ? "QASM3" : "QASM2" };
  } catch (error) {
    if (error instanceof CoreError) throw CircuitError.fromCore(error, path);
    throw error;
  }
}

export async function importCircuit(db: Db, ownerId: string, input: ImportCircuitInput, budget: RequestBudget): Promise<CircuitRecord> {
  const { circuit, format } = readQasm(input.qasm, ["input", "qasm"], budget);
  const sourceBytes = utf8Bytes(input.qasm);
  return createUnderQuota(
    db,
    ownerId,
    async (tx) => {
      const owned = await tx.circuit.aggregate({ where: { ownerId }, _count: { _all: true }, _sum: { sourceBytes: true } });
      checkQuota("circuits", owned._count._all);
      checkQuota("circuitBytes", owned._sum.sourceBytes ?? 0, sourceBytes);
    },
    (tx) =>
      tx.circuit.create({
        data: { ownerId, name: input.name ?? defaultName(circuit), source: input.qasm, sourceBytes, format, numClbits: circuit.numClbits, ...circuitFacts(circuit) },
      }),
  );
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

/** The engine's circuit for a saved record (parsed once per loaded record, charged when parsed). */
export function circuitOf(record: CircuitRecord, budget: RequestBudget): Circuit {
  let circuit = parsed.get(record);
  if (!circuit) {
    budget.charge(record.source.length * workUnits.parsePerByte, "reading the saved circuit", ["circuit"]);
    // Stored sources were accepted at import, under limits that may since have changed; read them
    // without the API limits so a saved circuit always opens.
    circuit = parseQasm(record.source);
    parsed.set(record, circuit);
  }
  return circuit;
}

/** The circuit written as OpenQASM 2.0 or 3.0 (standard gates; user gate definitions expanded). */
export function circuitQasm(record: CircuitRecord, version: 2 | 3, budget: RequestBudget): string {
  return writeQasm(circuitOf(record, budget), version, budget);
}

/** Any circuit written as OpenQASM, charged to the request. */
export function writeQasm(circuit: Circuit, version: 2 | 3, budget: RequestBudget): string {
  budget.charge(circuit.operations.length * workUnits.writePerOperation, "writing the circuit as OpenQASM", ["qasm"]);
  return version === 3 ? toQasm3(circuit) : toQasm2(circuit);
}

/** A drawing of a saved circuit; refused past limits.circuit.maxDrawOperations (the drawing would be megabytes). */
export function circuitDiagram(record: CircuitRecord, format: "TEXT" | "SVG", budget: RequestBudget): string {
  return diagramOf(circuitOf(record, budget), format, budget);
}

/** A drawing of any circuit, within the same limit and charged to the request. */
export function diagramOf(circuit: Circuit, format: "TEXT" | "SVG", budget: RequestBudget): string {
  const operations = circuit.operations.length;
  if (operations > limits.circuit.maxDrawOperations) {
    throw new InvalidInputError([{ path: ["diagram"], message: `circuits of more than ${limits.circuit.maxDrawOperations} operations are not drawn (this one has ${operations}); read gateCounts or qasm instead` }]);
  }
  budget.charge(operations * workUnits.drawPerOperation, "drawing the circuit", ["diagram"]);
  return drawCircuit(circuit, format);
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
export function circuitGateCounts(record: CircuitRecord, budget: RequestBudget): { gate: string; count: number }[] {
  return Object.entries(circuitOf(record, budget).gateCounts())
    .map(([gate, count]) => ({ gate, count }))
    .sort((a, b) => b.count - a.count || a.gate.localeCompare(b.gate));
}

export function circuitParameters(record: CircuitRecord): string[] {
  return Array.isArray(record.parameters) ? (record.parameters as string[]) : [];
}

function defaultName(circuit: Circuit): string {
  return `${circuit.numQubits}-qubit circuit`;
}
