// Saved circuits against the real database: what import stores, the per-user limit at its edge,
// and that a failed import stores nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../config/index.ts";
import {
  CircuitError,
  circuitOf,
  createUser,
  deleteCircuit,
  findCircuit,
  importCircuit,
  unlimitedBudget,
  QuotaExceededError,
  NotFoundError,
  type Db,
} from "../../services/index.ts";
import { connectTestDatabase } from "../support/database.ts";

let db: Db;
beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => { await db.$disconnect(); });

const GHZ = `OPENQASM 3.0;\ninclude "stdgates.inc";\ninput float[64] phi;\nqubit[3] q;\nh q[0];\ncx q[0], q[1];\ncx q[1], q[2];\nrz(phi) q[2];\n`;

describe("importCircuit", () => {
  it("stores the source verbatim and the facts derived from it", async () => {
    const { user } = await createUser(db, { displayName: "Circuit keeper" });
    const record = await importCircuit(db, user.id, { name: "GHZ", qasm: GHZ }, unlimitedBudget());
    const stored = await findCircuit(db, user.id, record.id);
    expect(stored).toMatchObject({ name: "GHZ", source: GHZ, format: "QASM3", numQubits: 3, numClbits: 0, depth: 4, gateCount: 4, parameters: ["phi"] });
    expect(circuitOf(stored, unlimitedBudget()).operations).toHaveLength(4);
    await expect(findCircuit(db, "someone-else", record.id)).rejects.toBeInstanceOf(NotFoundError);
    await deleteCircuit(db, user.id, record.id);
    await expect(findCircuit(db, user.id, record.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("stores nothing when the program is refused", async () => {
    const { user } = await createUser(db, { displayName: "Typo maker" });
    const error = await importCircuit(db, user.id, { qasm: "OPENQASM 2.0;\nqreg q[1];\nh q[0]" }, unlimitedBudget()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CircuitError);
    expect(error).toMatchObject({ reason: "QASM_SEMANTIC", path: ["input", "qasm"], line: 3, column: 1 });
    expect(await db.circuit.count({ where: { ownerId: user.id } })).toBe(0);
  });

  it(`keeps at most ${limits.circuit.maxPerUser} circuits per user`, async () => {
    const { user } = await createUser(db, { displayName: "Hoarder" });
    const template = await importCircuit(db, user.id, { qasm: GHZ }, unlimitedBudget());
    const { id: _id, createdAt: _c, updatedAt: _u, ...row } = template;
    await db.circuit.createMany({ data: Array.from({ length: limits.circuit.maxPerUser - 2 }, () => ({ ...row, parameters: ["phi"] })) });
    await importCircuit(db, user.id, { name: "the last one", qasm: GHZ }, unlimitedBudget());
    expect(await db.circuit.count({ where: { ownerId: user.id } })).toBe(limits.circuit.maxPerUser);
    const error = await importCircuit(db, user.id, { qasm: GHZ }, unlimitedBudget()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(QuotaExceededError);
    expect(error).toMatchObject({ quota: "circuits", used: limits.circuit.maxPerUser, limit: limits.circuit.maxPerUser });
    expect(await db.circuit.count({ where: { ownerId: user.id } })).toBe(limits.circuit.maxPerUser);
  });

  it(`keeps at most ${limits.circuit.maxBytesPerUser} bytes of OpenQASM per user, counted in UTF-8`, async () => {
    const { user } = await createUser(db, { displayName: "Byte hoarder" });
    const template = await importCircuit(db, user.id, { qasm: GHZ }, unlimitedBudget());
    const { id: _id, createdAt: _c, updatedAt: _u, ...row } = template;
    const room = limits.circuit.maxBytesPerUser - template.sourceBytes - GHZ.length; // exactly enough for one more GHZ
    await db.circuit.create({ data: { ...row, parameters: [], source: "x", sourceBytes: room } });
    await importCircuit(db, user.id, { qasm: GHZ }, unlimitedBudget());
    const error = await importCircuit(db, user.id, { qasm: `// é\n${GHZ}` }, unlimitedBudget()).catch((e: unknown) => e);
    expect(error).toMatchObject({ quota: "circuitBytes", used: limits.circuit.maxBytesPerUser, limit: limits.circuit.maxBytesPerUser });
  });

  it("50 concurrent imports at the edge of the quota: exactly the quota is kept (PostgreSQL in CI)", async () => {
    const { user } = await createUser(db, { displayName: "Racing hoarder" });
    const template = await importCircuit(db, user.id, { qasm: GHZ }, unlimitedBudget());
    const { id: _id, createdAt: _c, updatedAt: _u, ...row } = template;
    await db.circuit.createMany({ data: Array.from({ length: limits.circuit.maxPerUser - 11 }, () => ({ ...row, parameters: [] })) });
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => importCircuit(db, user.id, { qasm: GHZ }, unlimitedBudget())));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    expect(results.filter((r) => r.status === "rejected").every((r) => (r as PromiseRejectedResult).reason instanceof QuotaExceededError)).toBe(true);
    expect(await db.circuit.count({ where: { ownerId: user.id } })).toBe(limits.circuit.maxPerUser);
  });
});
