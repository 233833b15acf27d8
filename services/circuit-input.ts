// What valid circuit and simulation requests look like, as schemas built from the documented
// limits. Only the shape is checked here; whether the OpenQASM is a valid circuit is the engine's call.
import * as z from "zod";
import { limits } from "../config/index.ts";
import { between, int } from "./number-input.ts";
import { nameText, utf8Bytes } from "./text.ts";

const { circuit, simulation } = limits;

export const qasmSourceSchema = z
  .string()
  .refine((text) => text.trim().length > 0, { error: "must not be empty: send an OpenQASM 2.0 or 3.0 program" })
  .refine((text) => utf8Bytes(text) <= circuit.maxSourceBytes, { error: `must be at most ${circuit.maxSourceBytes} bytes` });

export const circuitNameSchema = nameText(circuit.nameMinLength, circuit.nameMaxLength);

export const importCircuitSchema = z.object({
  name: circuitNameSchema.nullish(),
  qasm: qasmSourceSchema,
});

export interface ImportCircuitInput {
  name?: string | null;
  qasm: string;
}

const bindingSchema = z.object({
  name: nameText(1, 120),
  value: z.number(),
});

const chance = z.number().min(0, between(0, 1)).max(1, between(0, 1));
const qubitList = z.array(z.number().int({ error: "must be a whole number" }).min(0, { error: "must be a qubit index (0 or more)" })).max(simulation.maxQubits, { error: `must list at most ${simulation.maxQubits} qubits` });
const channelRule = z.object({
  probability: chance,
  gates: z.array(z.string().max(64, { error: "must be a gate name (at most 64 characters)" })).max(64, { error: "must list at most 64 gates" }).nullish(),
  qubits: qubitList.nullish(),
});
const rules = z.array(channelRule).max(simulation.maxNoiseRules, { error: `must have at most ${simulation.maxNoiseRules} rules` });

export const noiseSchema = z.object({
  depolarizing: rules.nullish(),
  amplitudeDamping: rules.nullish(),
  phaseDamping: rules.nullish(),
  readout: z.array(z.object({ p01: chance, p10: chance, qubits: qubitList.nullish() })).max(simulation.maxNoiseRules, { error: `must have at most ${simulation.maxNoiseRules} rules` }).nullish(),
  method: z.enum(["AUTO", "TRAJECTORIES", "DENSITY_MATRIX"]).nullish(),
  trajectories: int(1, simulation.maxTrajectories).nullish(),
});

export type NoiseInput = z.input<typeof noiseSchema>;

export const simulateSchema = z
  .object({
    qasm: qasmSourceSchema.nullish(),
    circuitId: z.string().nullish(),
    shots: int(0, simulation.maxShots).nullish(),
    seed: int(0, limits.maxSeed).nullish(),
    observables: z
      .array(z.string().max(simulation.maxObservableLength, { error: `must be at most ${simulation.maxObservableLength} characters (ASCII: as many bytes)` }))
      .max(simulation.maxObservables, { error: `must have at most ${simulation.maxObservables} observables` })
      .nullish(),
    bindings: z
      .array(bindingSchema)
      .max(simulation.maxBindings, { error: `must have at most ${simulation.maxBindings} bindings` })
      .refine((list) => new Set(list.map((b) => b.name)).size === list.length, { error: "must not bind the same name twice" })
      .nullish(),
    noise: noiseSchema.nullish(),
  })
  .refine((input) => (input.qasm == null) !== (input.circuitId == null), {
    error: "give exactly one of qasm (a program) or circuitId (a saved circuit)",
  });

export interface SimulateInput {
  qasm?: string | null;
  circuitId?: string | null;
  shots?: number | null;
  seed?: number | null;
  observables?: string[] | null;
  bindings?: { name: string; value: number }[] | null;
  noise?: NoiseInput | null;
}
