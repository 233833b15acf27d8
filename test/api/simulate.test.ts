// `simulate` over GraphQL-over-HTTP: probabilities, seeded counts, expectation values, marginals,
// statevectors, saved circuits with bindings; every limit at its edge; typed errors.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../config/index.ts";
import { compileForSimulation, parseQasm } from "../../core/index.ts";
import { graphql, signUp } from "../support/graphql.ts";

const { simulation } = limits;
const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "../fixtures/qasm", name), "utf8");
const header = `OPENQASM 2.0;\ninclude "qelib1.inc";\n`;
const BELL = `${header}qreg q[2];\ncreg c[2];\nh q[0];\ncx q[0], q[1];\nmeasure q -> c;\n`;

const SIMULATE = `query ($input: SimulateInput!, $qubits: [Int!]) {
  simulate(input: $input) {
    __typename
    ... on Simulation {
      numQubits shots seed
      probabilities(qubits: $qubits) { bitstring index probability }
      counts { bitstring count }
      expectations { observable value }
    }
    ... on CircuitError { code reason detail path line column }
    ... on ValidationError { code issues { path message } }
    ... on NotFoundError { code message }
  }
}`;

let user: { apiKey: string; id: string };
beforeAll(async () => { user = await signUp("Simulator"); });

async function simulate(input: Record<string, unknown>, extra: Record<string, unknown> = {}, query = SIMULATE) {
  const { status, body } = await graphql(query, { input, ...extra }, { apiKey: user.apiKey });
  expect(status, JSON.stringify(body)).toBe(200);
  return body.data!.simulate;
}

describe("simulate", () => {
  it("a Bell pair: probabilities, seeded counts and expectation values", async () => {
    const result = await simulate({ qasm: BELL, shots: 1000, seed: 42, observables: ["Z0 Z1", "X0 X1", "Z0", "0.5*Y0 Y1 + 2"] });
    expect(result).toMatchObject({ __typename: "Simulation", numQubits: 2, shots: 1000, seed: 42 });
    expect(result.probabilities).toEqual([
      { bitstring: "00", index: 0, probability: expect.closeTo(0.5, 12) },
      { bitstring: "11", index: 3, probability: expect.closeTo(0.5, 12) },
    ]);
    expect(result.counts.map((c: { bitstring: string }) => c.bitstring)).toEqual(["00", "11"]);
    expect(result.counts.reduce((sum: number, c: { count: number }) => sum + c.count, 0)).toBe(1000);
    expect(result.expectations).toEqual([
      { observable: "Z0 Z1", value: expect.closeTo(1, 12) },
      { observable: "X0 X1", value: expect.closeTo(1, 12) },
      { observable: "Z0", value: expect.closeTo(0, 12) },
      { observable: "0.5*Y0 Y1 + 2", value: expect.closeTo(1.5, 12) },
    ]);
    // The same seed gives the same counts; another seed (almost surely) does not.
    expect((await simulate({ qasm: BELL, shots: 1000, seed: 42 })).counts).toEqual(result.counts);
    expect((await simulate({ qasm: BELL, shots: 1000, seed: 43 })).counts).not.toEqual(result.counts);
  });

  it("marginals, thresholds and the probability limit", async () => {
    const ghz = `${header}qreg q[3];\nh q[0];\ncx q[0], q[1];\ncx q[1], q[2];\nx q[2];\n`;
    const marginal = await simulate({ qasm: ghz }, { qubits: [2, 0] });
    // Bit 0 of the index is qubit 2, bit 1 is qubit 0: outcomes (q2,q0) = (1,0) and (0,1).
    expect(marginal.probabilities).toEqual([
      { bitstring: "01", index: 1, probability: expect.closeTo(0.5, 12) },
      { bitstring: "10", index: 2, probability: expect.closeTo(0.5, 12) },
    ]);
    const uniform = `${header}qreg q[13];\nh q;\n`;
    const LIMITED = `query ($input: SimulateInput!, $limit: Int!) { simulate(input: $input) { ... on Simulation { probabilities(limit: $limit) { index } } } }`;
    const at = async (limit: number) => graphql(LIMITED, { input: { qasm: uniform }, limit }, { apiKey: user.apiKey });
    expect((await at(simulation.maxProbabilityEntries)).body.data!.simulate.probabilities).toHaveLength(simulation.maxProbabilityEntries);
    const over = await at(simulation.maxProbabilityEntries + 1);
    expect(over.status).toBe(400);
    expect(over.body.errors![0]!.message).toContain(`must be between 1 and ${simulation.maxProbabilityEntries}`);
    const bad = await graphql(SIMULATE, { input: { qasm: ghz }, qubits: [0, 0] }, { apiKey: user.apiKey });
    expect(bad.body.errors![0]!.message).toContain("must be distinct qubits in 0–2");
  });

  it(`returns the statevector up to ${simulation.statevectorMaxQubits} qubits, and says why not beyond`, async () => {
    const STATE = `query ($input: SimulateInput!) { simulate(input: $input) { ... on Simulation { statevector { bitstring re im } } } }`;
    const plus = (n: number) => `${header}qreg q[${n}];\nh q[0];\ns q[0];\n`;
    const small = await graphql(STATE, { input: { qasm: plus(1) } }, { apiKey: user.apiKey });
    expect(small.body.data!.simulate.statevector).toEqual([
      { bitstring: "0", re: expect.closeTo(Math.SQRT1_2, 12), im: 0 },
      { bitstring: "1", re: expect.closeTo(0, 12), im: expect.closeTo(Math.SQRT1_2, 12) },
    ]);
    const edge = await graphql(STATE, { input: { qasm: plus(simulation.statevectorMaxQubits) } }, { apiKey: user.apiKey });
    expect(edge.body.data!.simulate.statevector).toHaveLength(2 ** simulation.statevectorMaxQubits);
    const over = await graphql(STATE, { input: { qasm: plus(simulation.statevectorMaxQubits + 1) } }, { apiKey: user.apiKey });
    expect(over.body.errors![0]).toMatchObject({ path: ["simulate", "statevector"], extensions: { code: "INVALID_INPUT" } });
    expect(over.body.errors![0]!.message).toContain(`is returned for at most ${simulation.statevectorMaxQubits} qubits`);
  });

  it("runs a saved OpenQASM 3 circuit with its input bound, mid-circuit measurement and all", async () => {
    const IMPORT = `mutation ($qasm: String!) { importCircuit(input: { qasm: $qasm }) { ... on ImportCircuitPayload { circuit { id } } } }`;
    const { id } = (await graphql(IMPORT, { qasm: fixture("teleportation.qasm3") }, { apiKey: user.apiKey })).body.data!.importCircuit.circuit;
    const result = await simulate({ circuitId: id, bindings: [{ name: "theta", value: 1.1 }], shots: 500, seed: 3 });
    expect(result.__typename).toBe("Simulation");
    // Keys are "bob m": Bob's bit first (the last register), then Alice's two bits.
    const bobOnes = result.counts.filter((c: { bitstring: string }) => c.bitstring.startsWith("1")).reduce((n: number, c: { count: number }) => n + c.count, 0);
    expect(Math.abs(bobOnes / 500 - Math.sin(0.55) ** 2)).toBeLessThan(0.12);
    expect(result.counts.every((c: { bitstring: string }) => /^[01] [01]{2}$/.test(c.bitstring))).toBe(true);

    const missing = await simulate({ circuitId: id });
    expect(missing.issues).toEqual([{ path: ["input", "bindings"], message: "missing values for theta" }]);
    const unknown = await simulate({ circuitId: id, bindings: [{ name: "theta", value: 1 }, { name: "phi", value: 2 }] });
    expect(unknown.issues).toEqual([{ path: ["input", "bindings", "1", "name"], message: `the circuit has no parameter "phi" (its parameters are theta)` }]);
  });

  it("someone else's circuit, or a bad id, is not found", async () => {
    const other = await signUp("Other simulator");
    const IMPORT = `mutation ($qasm: String!) { importCircuit(input: { qasm: $qasm }) { ... on ImportCircuitPayload { circuit { id } } } }`;
    const { id } = (await graphql(IMPORT, { qasm: BELL }, { apiKey: other.apiKey })).body.data!.importCircuit.circuit;
    expect(await simulate({ circuitId: id })).toMatchObject({ __typename: "NotFoundError", code: "NOT_FOUND" });
    expect(await simulate({ circuitId: "not-a-global-id" })).toMatchObject({ __typename: "NotFoundError" });
  });

  it("needs an API key", async () => {
    const { status, body } = await graphql(SIMULATE, { input: { qasm: BELL } });
    expect(status).toBe(401);
    expect(body.errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
  });
});

describe("simulate limits and bad input", () => {
  it("exactly one of qasm and circuitId", async () => {
    const message = "give exactly one of qasm (a program) or circuitId (a saved circuit)";
    expect((await simulate({})).issues).toEqual([{ path: ["input"], message }]);
    expect((await simulate({ qasm: BELL, circuitId: "x" })).issues).toEqual([{ path: ["input"], message }]);
  });

  it(`shots: ${simulation.maxShots} are taken, one more is refused`, async () => {
    const ok = await simulate({ qasm: BELL, shots: simulation.maxShots });
    expect(ok.counts.reduce((n: number, c: { count: number }) => n + c.count, 0)).toBe(simulation.maxShots);
    expect((await simulate({ qasm: BELL, shots: simulation.maxShots + 1 })).issues).toEqual([
      { path: ["input", "shots"], message: `must be between 0 and ${simulation.maxShots}` },
    ]);
    expect((await simulate({ qasm: BELL, shots: -1, seed: -5 })).issues).toEqual([
      { path: ["input", "shots"], message: `must be between 0 and ${simulation.maxShots}` },
      { path: ["input", "seed"], message: "must be between 0 and 2147483647" },
    ]);
  });

  it(`observables: ${simulation.maxObservables} are read, one more is refused; each must parse and fit the circuit`, async () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => `${i}*Z0`);
    expect((await simulate({ qasm: BELL, observables: many(simulation.maxObservables) })).expectations).toHaveLength(simulation.maxObservables);
    expect((await simulate({ qasm: BELL, observables: many(simulation.maxObservables + 1) })).issues).toEqual([
      { path: ["input", "observables"], message: `must have at most ${simulation.maxObservables} observables` },
    ]);
    const bad = await simulate({ qasm: BELL, observables: ["Z0", "Q1", "Z5"] });
    expect(bad.__typename).toBe("ValidationError");
    expect(bad.issues.map((i: { path: string[] }) => i.path)).toEqual([["input", "observables", "1"], ["input", "observables", "2"]]);
    expect(bad.issues[0].message).toContain(`write Pauli sums like "0.5*Z0 Z1 + X2"`);
    expect(bad.issues[1].message).toBe("acts on qubit 5, but the circuit has 2 qubit(s) (0–1)");
  });

  it(`qubits: ${simulation.maxQubits} are simulated, one more is refused before any state is allocated`, async () => {
    const wide = (n: number) => `${header}qreg q[${n}];\nh q;\n`;
    const ok = await simulate({ qasm: wide(simulation.maxQubits), observables: ["X0"] });
    expect(ok.expectations[0].value).toBeCloseTo(1, 12);
    const refused = await simulate({ qasm: wide(simulation.maxQubits + 1) });
    expect(refused).toMatchObject({ __typename: "CircuitError", reason: "LIMIT_EXCEEDED", path: ["input"] });
    expect(refused.detail).toContain(`simulations take at most ${simulation.maxQubits}`);
  });

  it(`work: exactly ${simulation.maxWork} amplitude updates run, more are refused`, async () => {
    // At the widest allowed circuit, the budget buys maxWork / 2^maxQubits kernel steps; CX gates are one step each.
    const steps = simulation.maxWork / 2 ** simulation.maxQubits;
    const chain = (gates: number) =>
      `${header}qreg q[${simulation.maxQubits}];\n${Array.from({ length: gates }, (_, i) => `cx q[${i % simulation.maxQubits}], q[${(i + 1) % simulation.maxQubits}];`).join("\n")}\n`;
    expect(compileForSimulation(parseQasm(chain(steps))).steps).toHaveLength(steps);
    expect((await simulate({ qasm: chain(steps) })).__typename).toBe("Simulation");
    const refused = await simulate({ qasm: chain(steps + 1) });
    expect(refused).toMatchObject({ __typename: "CircuitError", reason: "LIMIT_EXCEEDED" });
    expect(refused.detail).toContain(`${steps + 1} kernel steps on 2^${simulation.maxQubits} amplitudes`);
  });

  it("mid-circuit measurement: work counts one trajectory per shot", async () => {
    const n = 14;
    const qasm = `${header}qreg q[${n}];\ncreg c[1];\nh q[0];\nmeasure q[0] -> c[0];\nh q[0];\n`;
    const steps = compileForSimulation(parseQasm(qasm)).steps.length;
    const maxShots = Math.floor(simulation.maxWork / (steps * 2 ** n));
    const refused = await simulate({ qasm, shots: maxShots + 1 });
    expect(refused).toMatchObject({ __typename: "CircuitError", reason: "LIMIT_EXCEEDED" });
    expect(refused.detail).toContain("one trajectory per shot");
    expect((await simulate({ qasm, shots: 1000 })).counts.reduce((s: number, c: { count: number }) => s + c.count, 0)).toBe(1000);
  });

  it("a broken program is a CircuitError pointing into input.qasm", async () => {
    const result = await simulate({ qasm: `${header}qreg q[2];\nrx(pi/) q[0];` });
    expect(result).toMatchObject({ __typename: "CircuitError", reason: "QASM_SYNTAX", path: ["input", "qasm"], line: 4, column: 7 });
  });
});
