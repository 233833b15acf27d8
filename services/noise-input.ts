// The API's noise input (simulate's, predict's and startTraining's `noise`) as the engine's noise
// model and run: gate names made canonical and checked against the standard library, qubits against
// the circuit's width, every problem named at its path; the method and trajectories as asked.
import { canonicalGateName, DEFAULT_TRAJECTORIES, standardGateNames, type NoiseChannel, type NoiseMethod, type NoiseModel, type NoisyRun } from "../core/index.ts";
import type { NoiseInput } from "./circuit-input.ts";
import { InvalidInputError } from "./errors.ts";

export function noiseModel(input: NoiseInput, numQubits: number, at: string[] = ["input", "noise"]): NoiseModel {
  const known = new Set(standardGateNames());
  const issues: { path: string[]; message: string }[] = [];
  const checkQubits = (qubits: number[] | null | undefined, path: string[]) =>
    qubits?.forEach((q, i) => q >= numQubits && issues.push({ path: [...path, "qubits", String(i)], message: `the circuit has ${numQubits} qubit(s) (0–${numQubits - 1})` }));
  const kinds: [keyof NoiseInput & ("depolarizing" | "amplitudeDamping" | "phaseDamping"), (p: number) => NoiseChannel][] = [
    ["depolarizing", (p) => ({ kind: "depolarizing", probability: p })],
    ["amplitudeDamping", (p) => ({ kind: "amplitudeDamping", gamma: p })],
    ["phaseDamping", (p) => ({ kind: "phaseDamping", lambda: p })],
  ];
  const gates = kinds.flatMap(([field, channel]) =>
    (input[field] ?? []).map((rule, i) => {
      const path = [...at, field, String(i)];
      const names = rule.gates?.map((g) => canonicalGateName(g.toLowerCase()));
      names?.forEach((g, k) => !known.has(g) && issues.push({ path: [...path, "gates", String(k)], message: `"${rule.gates![k]}" is not a gate of the standard library (e.g. ${["h", "x", "rz", "cx", "cz", "swap"].join(", ")})` }));
      checkQubits(rule.qubits, path);
      return { channel: channel(rule.probability), ...(names ? { gates: names } : {}), ...(rule.qubits ? { qubits: rule.qubits } : {}) };
    }),
  );
  const readout = (input.readout ?? []).map((rule, i) => {
    checkQubits(rule.qubits, [...at, "readout", String(i)]);
    return { p01: rule.p01, p10: rule.p10, ...(rule.qubits ? { qubits: rule.qubits } : {}) };
  });
  if (issues.length) throw new InvalidInputError(issues);
  return { gates, readout };
}

/** The noise model and the way the input asks to simulate it (method AUTO and 1,000 trajectories unless it says). */
export function noisyRun(input: NoiseInput, numQubits: number, at: string[]): NoisyRun {
  return { noise: noiseModel(input, numQubits, at), method: noiseMethod(input), trajectories: input.trajectories ?? DEFAULT_TRAJECTORIES };
}

export function noiseMethod(input: NoiseInput): NoiseMethod {
  return input.method === "TRAJECTORIES" ? "trajectories" : input.method === "DENSITY_MATRIX" ? "densityMatrix" : "auto";
}
