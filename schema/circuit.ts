// Saved circuits: the Circuit node (OpenQASM 2/3 out, drawings, depth, gate counts), the caller's
// `circuits` connection, `circuit(id:)`, `importCircuit` and `deleteCircuit`.
import { encodeGlobalID } from "@pothos/plugin-relay";
import * as z from "zod";
import {
  circuitDiagram,
  circuitGateCounts,
  circuitParameters,
  circuitQasm,
  deleteCircuit,
  findCircuit,
  importCircuit,
  importCircuitSchema,
  CircuitError,
  NotFoundError,
  type CircuitRecord,
} from "../services/index.ts";
import { limits } from "../config/index.ts";
import { builder } from "./builder.ts";
import { visibleWhen } from "./visibility.ts";
import { UserRef } from "./user.ts";

export const CircuitFormatEnum = builder.enumType("CircuitFormat", {
  values: {
    QASM2: { description: "OpenQASM 2.0" },
    QASM3: { description: "OpenQASM 3.0" },
  } as const,
});

export const DiagramFormatEnum = builder.enumType("DiagramFormat", {
  values: {
    TEXT: { description: "Monospace text drawing, one wire per qubit (like Qiskit's text drawer)." },
    SVG: { description: "A standalone SVG document." },
  } as const,
});

export const GateCountRef = builder.objectRef<{ gate: string; count: number }>("GateCount").implement({
  fields: (t) => ({
    gate: t.exposeString("gate", { description: "Gate name as in OpenQASM (cx, rz, ...), or measure / reset / barrier." }),
    count: t.exposeInt("count"),
  }),
});

export const CircuitRef = builder.prismaNode("Circuit", {
  id: { field: "id" },
  description: "A circuit a user saved. Only its owner can read it.",
  authScopes: visibleWhen("Circuit", (circuit: { ownerId: string }, context) => circuit.ownerId === context.viewer?.id),
  fields: (t) => ({
    name: t.exposeString("name"),
    format: t.field({ type: CircuitFormatEnum, description: "The language it was imported in.", resolve: (c) => c.format as "QASM2" | "QASM3" }),
    source: t.exposeString("source", { description: "The OpenQASM source exactly as imported." }),
    numQubits: t.exposeInt("numQubits"),
    numClbits: t.exposeInt("numClbits"),
    depth: t.exposeInt("depth", { description: "Gate layers, as Qiskit counts them (barriers excluded, measurements included)." }),
    gateCount: t.exposeInt("gateCount", { description: "Gate applications (measure, reset and barrier excluded)." }),
    gateCounts: t.field({
      type: [GateCountRef],
      description: "How many of each operation, most frequent first.",
      resolve: (c, _args, context) => circuitGateCounts(c, context.budget),
    }),
    parameters: t.stringList({ description: "Symbolic parameters, bound at simulation time.", resolve: (c) => circuitParameters(c) }),
    qasm: t.string({
      description: "The circuit written as OpenQASM 2.0 or 3.0 (the standard gate library; definitions expanded).",
      args: {
        version: t.arg.int({
          required: true,
          defaultValue: 2,
          description: "2 or 3.",
          validate: z.union([z.literal(2), z.literal(3)], { error: "must be 2 (OpenQASM 2.0) or 3 (OpenQASM 3.0)" }),
        }),
      },
      resolve: (c, { version }, context) => circuitQasm(c, version === 3 ? 3 : 2, context.budget),
    }),
    diagram: t.string({
      description: "A drawing of the circuit.",
      args: { format: t.arg({ type: DiagramFormatEnum, required: true, defaultValue: "TEXT" }) },
      resolve: (c, { format }, context) => circuitDiagram(c, format, context.budget),
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    updatedAt: t.expose("updatedAt", { type: "DateTime" }),
  }),
});

builder.prismaObjectField(UserRef, "circuits", (t) =>
  t.relatedConnection("circuits", {
    description: `The user's saved circuits, newest first (at most ${limits.circuit.maxPerUser}).`,
    cursor: "id",
    totalCount: true,
    query: { orderBy: [{ createdAt: "desc" }, { id: "desc" }] },
  }),
);

builder.queryField("circuit", (t) =>
  t.field({
    type: CircuitRef,
    description: "One of the caller's circuits.",
    authScopes: { user: true },
    args: { id: t.arg.globalID({ required: true, for: CircuitRef }) },
    errors: { types: [NotFoundError], directResult: true },
    resolve: (_root, { id }, context) => findCircuit(context.db, context.viewer!.id, id.id),
  }),
);

const ImportCircuitInput = builder.inputType("ImportCircuitInput", {
  validate: importCircuitSchema,
  fields: (t) => ({
    name: t.string({
      description: `${limits.circuit.nameMinLength}–${limits.circuit.nameMaxLength} characters; defaults to "<n>-qubit circuit".`,
    }),
    qasm: t.string({
      required: true,
      description:
        `An OpenQASM 2.0 or 3.0 program (picked by its OPENQASM line), at most ${limits.circuit.maxSourceBytes} bytes, ` +
        `${limits.circuit.maxQubits} qubits and ${limits.circuit.maxOperations} operations once gate definitions are expanded.`,
    }),
  }),
});

const ImportCircuitPayload = builder.objectRef<{ circuit: CircuitRecord }>("ImportCircuitPayload").implement({
  fields: (t) => ({ circuit: t.field({ type: CircuitRef, resolve: (payload) => payload.circuit }) }),
});

const DeleteCircuitPayload = builder.objectRef<{ deletedId: string }>("DeleteCircuitPayload").implement({
  fields: (t) => ({ deletedId: t.exposeID("deletedId", { description: "The global ID of the circuit that was deleted." }) }),
});

builder.mutationField("importCircuit", (t) =>
  t.field({
    type: ImportCircuitPayload,
    description: "Reads an OpenQASM program and saves it as one of the caller's circuits.",
    authScopes: { user: true },
    args: { input: t.arg({ type: ImportCircuitInput, required: true }) },
    errors: { types: [CircuitError], directResult: true },
    resolve: async (_root, { input }, context) => ({ circuit: await importCircuit(context.db, context.viewer!.id, input, context.budget) }),
  }),
);

builder.mutationField("deleteCircuit", (t) =>
  t.field({
    type: DeleteCircuitPayload,
    description: "Deletes one of the caller's circuits.",
    authScopes: { user: true },
    args: { id: t.arg.globalID({ required: true, for: CircuitRef }) },
    errors: { types: [NotFoundError], directResult: true },
    resolve: async (_root, { id }, context) => {
      const deleted = await deleteCircuit(context.db, context.viewer!.id, id.id);
      return { deletedId: encodeGlobalID("Circuit", deleted.id) };
    },
  }),
);
