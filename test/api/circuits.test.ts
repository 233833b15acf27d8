// Saved circuits over GraphQL-over-HTTP: import (OpenQASM 2 and 3), read back as OpenQASM and
// drawings, list, delete, typed errors with line and column, limits at their edges, ownership.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../config/index.ts";
import { graphql, signUp } from "../support/graphql.ts";

const fixture = (name: string) => fs.readFileSync(path.join(import.meta.dirname, "../fixtures/qasm", name), "utf8");

const BELL = `OPENQASM 2.0;
include "qelib1.inc";
qreg q[2];
creg c[2];
h q[0];
cx q[0], q[1];
measure q -> c;
`;

const IMPORT = `mutation ($input: ImportCircuitInput!) {
  importCircuit(input: $input) {
    __typename
    ... on ImportCircuitPayload { circuit { id name format numQubits numClbits depth gateCount parameters } }
    ... on CircuitError { code reason detail path line column message }
    ... on ValidationError { code issues { path message } }
  }
}`;

const CIRCUIT = `query ($id: ID!, $version: Int! = 2, $format: DiagramFormat! = TEXT) {
  circuit(id: $id) {
    __typename
    ... on Circuit { id name source numQubits depth gateCounts { gate count } qasm(version: $version) diagram(format: $format) }
    ... on NotFoundError { code message }
  }
}`;

const MY_CIRCUITS = `{ me { circuits(first: 10) { totalCount edges { node { name } } } } }`;

let alice: { apiKey: string; id: string };
let bob: { apiKey: string; id: string };
beforeAll(async () => {
  alice = await signUp("Alice (circuits)");
  bob = await signUp("Bob (circuits)");
});

async function importAs(user: { apiKey: string }, input: Record<string, unknown>) {
  const { status, body } = await graphql(IMPORT, { input }, { apiKey: user.apiKey });
  expect(status).toBe(200);
  return body.data!.importCircuit;
}

async function circuitCount(user: { apiKey: string }): Promise<number> {
  return (await graphql(MY_CIRCUITS, undefined, { apiKey: user.apiKey })).body.data!.me.circuits.totalCount;
}

describe("importCircuit and circuit(id:)", () => {
  it("saves an OpenQASM 2 circuit and reads it back as OpenQASM 2, OpenQASM 3, text and SVG", async () => {
    const imported = await importAs(alice, { name: "  Bell pair ", qasm: BELL });
    expect(imported).toMatchObject({
      __typename: "ImportCircuitPayload",
      circuit: { name: "Bell pair", format: "QASM2", numQubits: 2, numClbits: 2, depth: 3, gateCount: 2, parameters: [] },
    });
    const id = imported.circuit.id;

    const v2 = (await graphql(CIRCUIT, { id }, { apiKey: alice.apiKey })).body.data!.circuit;
    expect(v2).toMatchObject({ __typename: "Circuit", id, name: "Bell pair", source: BELL, numQubits: 2, depth: 3 });
    expect(v2.gateCounts).toEqual([
      { gate: "measure", count: 2 },
      { gate: "cx", count: 1 },
      { gate: "h", count: 1 },
    ]);
    expect(v2.qasm).toMatch(/^OPENQASM 2\.0;\ninclude "qelib1\.inc";/);
    expect(v2.qasm).toContain("cx q[0], q[1];");
    expect(v2.diagram).toContain("┤ H ├");

    const v3 = (await graphql(CIRCUIT, { id, version: 3, format: "SVG" }, { apiKey: alice.apiKey })).body.data!.circuit;
    expect(v3.qasm).toMatch(/^OPENQASM 3\.0;\ninclude "stdgates\.inc";/);
    expect(v3.qasm).toContain("qubit[2] q;");
    expect(v3.diagram).toMatch(/^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    expect(v3.diagram.trimEnd()).toMatch(/<\/svg>$/);
  });

  it("saves OpenQASM 3 with input parameters and a default name", async () => {
    const imported = await importAs(alice, { qasm: fixture("teleportation.qasm3") });
    expect(imported.circuit).toMatchObject({ name: "3-qubit circuit", format: "QASM3", numQubits: 3, numClbits: 3, parameters: ["theta"] });
  });

  it("reads every standard-algorithm fixture", async () => {
    for (const file of ["qft_4.qasm", "grover_3.qasm", "bernstein_vazirani_5.qasm", "teleportation.qasm"]) {
      const imported = await importAs(bob, { name: file, qasm: fixture(file) });
      expect(imported.__typename, file).toBe("ImportCircuitPayload");
    }
  });

  it("qasm(version:) accepts only 2 and 3", async () => {
    const { circuit } = await importAs(alice, { qasm: BELL });
    const { status, body } = await graphql(CIRCUIT, { id: circuit.id, version: 4 }, { apiKey: alice.apiKey });
    expect(status).toBe(400);
    expect(body.errors![0]).toMatchObject({ path: ["circuit", "qasm"], extensions: { code: "INVALID_INPUT" } });
    expect(body.errors![0]!.message).toContain("must be 2 (OpenQASM 2.0) or 3 (OpenQASM 3.0)");
  });

  it("lists the caller's circuits newest first, and deletes them", async () => {
    const user = await signUp("Lister");
    for (const name of ["first", "second", "third"]) await importAs(user, { name, qasm: BELL });
    const listed = (await graphql(MY_CIRCUITS, undefined, { apiKey: user.apiKey })).body.data!.me.circuits;
    expect(listed.totalCount).toBe(3);
    expect(listed.edges.map((e: { node: { name: string } }) => e.node.name)).toEqual(["third", "second", "first"]);

    const { circuit } = await importAs(user, { name: "doomed", qasm: BELL });
    const DELETE = `mutation ($id: ID!) { deleteCircuit(id: $id) { __typename ... on DeleteCircuitPayload { deletedId } ... on NotFoundError { code } } }`;
    expect((await graphql(DELETE, { id: circuit.id }, { apiKey: user.apiKey })).body.data!.deleteCircuit).toEqual({
      __typename: "DeleteCircuitPayload",
      deletedId: circuit.id,
    });
    expect((await graphql(CIRCUIT, { id: circuit.id }, { apiKey: user.apiKey })).body.data!.circuit.__typename).toBe("NotFoundError");
    expect((await graphql(DELETE, { id: circuit.id }, { apiKey: user.apiKey })).body.data!.deleteCircuit).toEqual({
      __typename: "NotFoundError",
      code: "NOT_FOUND",
    });
    expect(await circuitCount(user)).toBe(3);
  });
});

describe("circuits that cannot be read", () => {
  it.each([
    ["a syntax error", `OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[2];\ncx q[0] q[1];`, "QASM_SYNTAX", 4, 9, /expected ';' after the call to cx, found 'q'/],
    ["an undeclared register", `OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\nh r[0];`, "QASM_SEMANTIC", 4, 3, /'r' is not a declared qreg/],
    ["an opaque gate", `OPENQASM 2.0;\nopaque magic(a) q;\nqreg q[1];\nmagic(0.1) q[0];`, "QASM_UNSUPPORTED", 4, 1, /opaque/],
    ["an unknown gate", `OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[1];\nfoo q[0];`, "QASM_SEMANTIC", 4, 1, /gate 'foo' is not defined/],
    ["an OpenQASM 3 loop", `OPENQASM 3.0;\nqubit[1] q;\nfor int i in [0:2] { }`, "QASM_UNSUPPORTED", 3, 1, /for/],
    [`${limits.circuit.maxQubits + 1} qubits`, `OPENQASM 2.0;\nqreg q[${limits.circuit.maxQubits + 1}];`, "LIMIT_EXCEEDED", 2, 8, /the limit is 24/],
  ])("%s: a CircuitError with reason, line and column, and nothing saved", async (_what, qasm, reason, line, column, detail) => {
    const before = await circuitCount(alice);
    const result = await importAs(alice, { qasm });
    expect(result).toMatchObject({ __typename: "CircuitError", code: "INVALID_CIRCUIT", reason, line, column, path: ["input", "qasm"] });
    expect(result.detail).toMatch(detail);
    expect(result.message).toContain(`line ${line}, column ${column}`);
    expect(await circuitCount(alice)).toBe(before);
  });

  it(`accepts exactly ${limits.circuit.maxQubits} qubits`, async () => {
    const result = await importAs(alice, { qasm: `OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[${limits.circuit.maxQubits}];\nh q;` });
    expect(result.circuit).toMatchObject({ numQubits: limits.circuit.maxQubits, gateCount: limits.circuit.maxQubits });
  });

  it(`accepts ${limits.circuit.maxOperations} operations and refuses one more`, async () => {
    // Broadcasting over a 20-qubit register keeps the source under the size limit.
    const program = (ops: number) =>
      `OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[20];\n${"x q;\n".repeat(Math.floor(ops / 20))}${"x q[0];\n".repeat(ops % 20)}`;
    expect((await importAs(alice, { qasm: program(limits.circuit.maxOperations) })).circuit.gateCount).toBe(limits.circuit.maxOperations);
    const refused = await importAs(alice, { qasm: program(limits.circuit.maxOperations + 1) });
    expect(refused).toMatchObject({ __typename: "CircuitError", reason: "LIMIT_EXCEEDED" });
  });

  it(`accepts a ${limits.circuit.maxSourceBytes}-byte source and refuses one byte more`, async () => {
    const padded = (bytes: number) => BELL + "/".repeat(bytes - BELL.length);
    expect((await importAs(alice, { qasm: padded(limits.circuit.maxSourceBytes) })).__typename).toBe("ImportCircuitPayload");
    const refused = await importAs(alice, { qasm: padded(limits.circuit.maxSourceBytes + 1) });
    expect(refused).toEqual({
      __typename: "ValidationError",
      code: "INVALID_INPUT",
      issues: [{ path: ["input", "qasm"], message: `must be at most ${limits.circuit.maxSourceBytes} bytes` }],
    });
  });

  it("refuses empty sources and over-long names, all at once", async () => {
    const refused = await importAs(alice, { name: "n".repeat(limits.circuit.nameMaxLength + 1), qasm: "  " });
    expect(refused.issues).toEqual([
      { path: ["input", "name"], message: `must be at most ${limits.circuit.nameMaxLength} characters` },
      { path: ["input", "qasm"], message: "must not be empty: send an OpenQASM 2.0 or 3.0 program" },
    ]);
    expect((await importAs(alice, { name: "n".repeat(limits.circuit.nameMaxLength), qasm: BELL })).__typename).toBe("ImportCircuitPayload");
  });
});

describe("ownership", () => {
  it("a circuit is readable, listable and deletable only by its owner", async () => {
    const { circuit } = await importAs(alice, { name: "Alice's secret", qasm: BELL });
    const asBob = await graphql(CIRCUIT, { id: circuit.id }, { apiKey: bob.apiKey });
    expect(asBob.body.data!.circuit).toEqual({ __typename: "NotFoundError", code: "NOT_FOUND", message: expect.stringContaining("was not found") });

    const node = await graphql(`query ($id: ID!) { node(id: $id) { ... on Circuit { name } } }`, { id: circuit.id }, { apiKey: bob.apiKey });
    expect(node.body).toEqual({ data: { node: null } });

    const deleted = await graphql(`mutation ($id: ID!) { deleteCircuit(id: $id) { __typename } }`, { id: circuit.id }, { apiKey: bob.apiKey });
    expect(deleted.body.data!.deleteCircuit.__typename).toBe("NotFoundError");
    expect((await graphql(CIRCUIT, { id: circuit.id }, { apiKey: alice.apiKey })).body.data!.circuit.name).toBe("Alice's secret");
  });

  it("anonymous callers cannot import", async () => {
    const { status, body } = await graphql(IMPORT, { input: { qasm: BELL } });
    expect(status).toBe(401);
    expect(body.errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
  });
});
