// A bounded hostile-traffic run against the real server (serverless-offline on loopback): while a
// mix of the hostile trial's attacks is sent, an ordinary user keeps working. Nothing may answer
// 5xx, every attack gets its typed refusal, and every ordinary request gets its right answer.
// Latencies are printed, not asserted (the machine is shared); the README reports them.
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { limits } from "../../config/index.ts";
import type { Db } from "../../services/index.ts";
import { connectTestDatabase } from "../support/database.ts";
import { signUp } from "../support/graphql.ts";
import { percentile } from "../../bench/support/timing.ts";

let db: Db;
beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => { await db.$disconnect(); });

interface Sent { status: number; ms: number; body: string }

async function send(body: string, apiKey?: string, contentType = "application/json"): Promise<Sent> {
  const started = performance.now();
  const response = await fetch(inject("graphqlUrl"), {
    method: "POST",
    headers: { "content-type": contentType, accept: "application/graphql-response+json", ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
    body,
  });
  const text = await response.text();
  return { status: response.status, ms: performance.now() - started, body: text };
}

const heavyNoisyQasm = ["OPENQASM 2.0;", 'include "qelib1.inc";', "qreg q[12];", ...Array.from({ length: 200 }, (_, i) => `cx q[${i % 11}], q[${(i % 11) + 1}];`)].join("\n");
const heavyQasm = ["OPENQASM 2.0;", 'include "qelib1.inc";', "qreg q[20];", ...Array.from({ length: 300 }, (_, i) => `cx q[${i % 19}], q[${(i % 19) + 1}];`)].join("\n");

/** The attacks, each with the refusal it must get. */
function attacks(apiKey: string, victimNode: string): { name: string; run: () => Promise<Sent>; expect: (r: Sent) => void }[] {
  const json = (query: string, variables?: unknown) => JSON.stringify({ query, variables });
  const code = (r: Sent) => JSON.parse(r.body).errors?.[0]?.extensions?.code;
  return [
    {
      name: "20 aliases of a heavy simulate",
      run: () => send(json(`query ($q: String!) { ${Array.from({ length: 20 }, (_, i) => `s${i}: simulate(input: { qasm: $q }) { __typename }`).join(" ")} }`, { q: heavyQasm }), apiKey),
      expect: (r) => { expect(r.status).toBe(200); expect(r.body).toContain("BudgetError"); },
    },
    {
      name: "20 aliases of a heavy noisy simulate (trajectories)",
      run: () => send(json(`query ($q: String!) { ${Array.from({ length: 20 }, (_, i) => `s${i}: simulate(input: { qasm: $q, noise: { depolarizing: [{ probability: 0.01 }], trajectories: 50 } }) { __typename }`).join(" ")} }`, { q: heavyNoisyQasm }), apiKey),
      expect: (r) => { expect(r.status).toBe(200); expect(r.body).toContain("BudgetError"); },
    },
    {
      name: "nodes × 3,000 ids",
      run: () => send(json(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on Dataset { examples(first: 100) { edges { node { features } } } } } }`, { ids: Array(3_000).fill(victimNode) }), apiKey),
      expect: (r) => { expect(r.status).toBe(400); expect(code(r)).toBe("QUERY_TOO_COMPLEX"); },
    },
    {
      name: "200 aliases of __schema, anonymous",
      run: () => send(json(`{ ${Array.from({ length: 200 }, (_, i) => `s${i}: __schema { types { name } }`).join(" ")} }`)),
      expect: (r) => expect(r.status).toBe(400),
    },
    {
      name: "2,000 nested selections",
      run: () => send(json(`{ ${"me { ".repeat(2_000)}id${" }".repeat(2_000)} }`), apiKey),
      expect: (r) => { expect(r.status).toBe(400); expect(code(r)).toBe("QUERY_TOO_COMPLEX"); },
    },
    {
      name: "someone else's node, a deleted one and a made-up one",
      run: () => send(json(`query ($a: ID!, $b: ID!) { a: node(id: $a) { id } b: node(id: $b) { id } }`, { a: victimNode, b: Buffer.from("Model:nope").toString("base64") }), apiKey),
      expect: (r) => { expect(r.status).toBe(200); expect(JSON.parse(r.body)).toEqual({ data: { a: null, b: null } }); },
    },
    {
      name: "NUL bytes in a profile",
      run: () => send(json(`mutation ($p: JSONObject) { updateProfile(input: { displayName: "x\\u0000y", preferences: $p }) { __typename } }`, { p: { "k\u0000": 1 } }), apiKey),
      expect: (r) => { expect(r.status).toBe(200); expect(JSON.parse(r.body).data.updateProfile.__typename).toBe("ValidationError"); },
    },
    {
      name: "a body over the limit",
      run: () => send(JSON.stringify({ query: "{ health { status } }", padding: "x".repeat(limits.http.maxBodyBytes) }), apiKey),
      expect: (r) => expect(r.status).toBe(413),
    },
    {
      name: "not JSON",
      run: () => send("{ this is not json", apiKey),
      expect: (r) => expect(r.status).toBe(400),
    },
    {
      name: "a malformed key",
      run: () => send(json("{ me { id } }"), "sp_not-a-key"),
      expect: (r) => expect(r.status).toBe(401),
    },
  ];
}

describe("hostile traffic", () => {
  it("while attacks run, an ordinary user's requests all succeed and nothing answers 5xx", { timeout: 120_000 }, async () => {
    const attacker = await signUp("Attacker");
    const victim = await signUp("Victim");
    const created = await send(JSON.stringify({ query: `mutation { createDataset(input: { name: "private", kind: REGRESSION, numFeatures: 1 }) { ... on DatasetPayload { dataset { id } } } }` }), victim.apiKey);
    const victimDataset = JSON.parse(created.body).data.createDataset.dataset.id as string;
    const list = attacks(attacker.apiKey, victimDataset);

    // Two attackers in parallel, 3 rounds of every attack (27 requests each), bounded in count.
    const attackResults: { name: string; sent: Sent }[] = [];
    const attacking = Promise.all(
      [0, 1].map(async (worker) => {
        for (let round = 0; round < 3; round++) {
          for (const attack of list.slice(worker % 2 ? 1 : 0).concat(worker % 2 ? list.slice(0, 1) : [])) {
            attackResults.push({ name: attack.name, sent: await attack.run() });
          }
        }
      }),
    );

    // The ordinary user: health, own profile, a small simulation, until the attackers are done (at most 300 requests).
    const ordinary: Sent[] = [];
    let done = false;
    void attacking.then(() => { done = true; });
    const user = await signUp("Ordinary");
    const BELL = `{ simulate(input: { qasm: "OPENQASM 2.0; include \\"qelib1.inc\\"; qreg q[2]; h q[0]; cx q[0], q[1];" }) { ... on Simulation { probabilities { bitstring probability } } } }`;
    for (let i = 0; !done && i < 300; i++) {
      const query = [`{ health { status } }`, `{ me { displayName } }`, BELL][i % 3]!;
      const sent = await send(JSON.stringify({ query }), i % 3 === 0 ? undefined : user.apiKey);
      ordinary.push(sent);
      expect(sent.status, sent.body).toBe(200);
      const data = JSON.parse(sent.body).data;
      if (i % 3 === 0) expect(data.health.status).toBe("OK");
      if (i % 3 === 1) expect(data.me.displayName).toBe("Ordinary");
      if (i % 3 === 2) expect(data.simulate.probabilities).toHaveLength(2);
    }
    await attacking;

    for (const { name, sent } of attackResults) {
      expect(sent.status, `${name}: ${sent.body.slice(0, 200)}`).toBeLessThan(500);
      list.find((a) => a.name === name)!.expect(sent);
    }
    expect(attackResults).toHaveLength(2 * 3 * list.length);
    expect(ordinary.length).toBeGreaterThan(10);
    const ms = ordinary.map((o) => o.ms).sort((a, b) => a - b);
    console.log(
      `hostile traffic: ${attackResults.length} attacks, ${ordinary.length} ordinary requests, 0 errors; ` +
        `ordinary p50 ${percentile(ms, 0.5).toFixed(0)} ms, p99 ${percentile(ms, 0.99).toFixed(0)} ms, max ${Math.max(...ms).toFixed(0)} ms`,
    );
    // Nothing the attacker sent was stored in the victim's name or leaked into their data.
    expect((await db.user.findFirstOrThrow({ where: { displayName: "Victim" } })).displayName).toBe("Victim");
  });
});
