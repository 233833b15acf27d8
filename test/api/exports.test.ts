// Exports over HTTP: a job that writes JSON lines page by page, a signed URL that downloads them,
// the data complete enough to re-create a user's circuits, datasets and profile through the API
// (round trip), and no way in for anyone else.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { verifyDownload, type Db } from "../../services/index.ts";
import { irisCsv } from "../support/csv.ts";
import { connectTestDatabase } from "../support/database.ts";
import { exportThroughApi, type ExportedRecord } from "../support/export.ts";
import { graphql, signUp } from "../support/graphql.ts";

let db: Db;
beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => { await db.$disconnect(); });

const BELL3 = `OPENQASM 3.0;\ninclude "stdgates.inc";\ninput float theta;\nqubit[2] q;\nh q[0];\ncx q[0], q[1];\nrz(theta) q[1];\n`;
const GHZ2 = `OPENQASM 2.0;\ninclude "qelib1.inc";\nqreg q[3];\nh q[0];\ncx q[0], q[1];\ncx q[1], q[2];\n`;

/** What a user can re-create from an export: profile, circuits, datasets with their examples in order. */
function recreatable(records: ExportedRecord[]) {
  const of = (type: string) => records.filter((r) => r.type === type);
  const profile = of("profile")[0]!;
  return {
    profile: { displayName: profile.displayName, preferences: profile.preferences, features: profile.features, consent: [profile.consentPersonalization, profile.consentSharedTraining] },
    circuits: of("circuit").map((c) => ({ name: c.name, source: c.source })).sort((a, b) => String(a.name).localeCompare(String(b.name))),
    datasets: of("dataset").map((d) => ({
      name: d.name, kind: d.kind, numFeatures: d.numFeatures, classes: d.classes,
      examples: of("example").filter((e) => e.datasetId === d.id).sort((a, b) => Number(a.position) - Number(b.position)).map((e) => [e.features, e.label]),
    })),
  };
}

describe("exports", () => {
  it("round trip: an export re-creates the user's profile, circuits and datasets through the API, and exporting the copy gives the same data", async () => {
    const original = await signUp("Round tripper", { preferences: { theme: "dark", nested: { list: [1, 2] } }, features: [0.1, 0.2], consent: { personalization: true } });
    const as = (query: string, variables?: Record<string, unknown>) => graphql(query, variables, { apiKey: original.apiKey });
    await as(`mutation ($q: String!) { importCircuit(input: { name: "bell", qasm: $q }) { __typename } }`, { q: BELL3 });
    await as(`mutation ($q: String!) { importCircuit(input: { name: "ghz", qasm: $q }) { __typename } }`, { q: GHZ2 });
    await as(`mutation ($csv: String!) { importDataset(input: { name: "iris", kind: CLASSIFICATION, numFeatures: 4, classes: ["setosa", "versicolor", "virginica"], csv: $csv }) { __typename } }`, { csv: irisCsv() });
    const { records } = await exportThroughApi(original.apiKey);
    const exported = recreatable(records);
    expect(exported.circuits).toHaveLength(2);
    expect(exported.datasets[0]!.examples).toHaveLength(150);

    // A new account, re-created from nothing but the export file.
    const copy = await signUp("Round tripper");
    const asCopy = (query: string, variables?: Record<string, unknown>) => graphql(query, variables, { apiKey: copy.apiKey });
    const p = exported.profile;
    await asCopy(`mutation ($i: UpdateProfileInput!) { updateProfile(input: $i) { __typename } }`, {
      i: { displayName: p.displayName, preferences: p.preferences, features: p.features, consent: { personalization: p.consent[0], sharedTraining: p.consent[1] } },
    });
    for (const c of exported.circuits) await asCopy(`mutation ($n: String!, $q: String!) { importCircuit(input: { name: $n, qasm: $q }) { __typename } }`, { n: c.name, q: c.source });
    for (const d of exported.datasets) {
      const classes = d.classes as string[];
      const csv = [Array.from({ length: Number(d.numFeatures) + 1 }, (_, j) => `c${j}`).join(","), ...d.examples.map(([features, label]) => [...(features as number[]), classes.length ? classes[Number(label)] : label].join(","))].join("\n");
      const made = await asCopy(`mutation ($n: String!, $k: DatasetKind!, $f: Int!, $c: [String!], $csv: String!) { importDataset(input: { name: $n, kind: $k, numFeatures: $f, classes: $c, csv: $csv }) { __typename } }`, {
        n: d.name, k: d.kind, f: d.numFeatures, c: classes.length ? classes : null, csv,
      });
      expect(made.body.data!.importDataset.__typename).toBe("DatasetPayload");
    }
    expect(recreatable((await exportThroughApi(copy.apiKey)).records)).toEqual(exported);
  });

  it("the download needs its signature and expires; nobody else reads the job; one export at a time; deleteMe removes the file", async () => {
    const user = await signUp("Exporter");
    const { job } = await exportThroughApi(user.apiKey);
    const jobId = job.download.url.split("/exports/")[1]!.split("?")[0]!;
    const forged = job.download.url.replace(/signature=[^&]+/, "signature=AAAA");
    expect((await fetch(forged)).status).toBe(404);
    expect((await fetch(job.download.url.replace(/expires=\d+/, `expires=${Math.floor(Date.now() / 1_000) + 10_000}`))).status).toBe(404); // expiry is signed
    expect(() => verifyDownload(jobId, String(Math.floor(Date.now() / 1_000) - 1), "x", "secret")).toThrow("was not found");

    const other = await signUp("Not the exporter");
    const theirs = await graphql(`query ($id: ID!) { exportJob(id: $id) { __typename } }`, { id: job.id }, { apiKey: other.apiKey });
    expect(theirs.body.data!.exportJob.__typename).toBe("NotFoundError");

    await db.exportJob.create({ data: { userId: (await db.exportJob.findUniqueOrThrow({ where: { id: jobId } })).userId, status: "RUNNING" } });
    const second = await graphql(`mutation { exportMyData { __typename ... on ValidationError { issues { message } } } }`, {}, { apiKey: user.apiKey });
    expect(second.body.data!.exportMyData.issues[0].message).toContain("already running");

    const file = path.join(inject("exportDir"), `${jobId}.jsonl`);
    expect(fs.existsSync(file)).toBe(true);
    await graphql(`mutation { deleteMe }`, {}, { apiKey: user.apiKey });
    expect(fs.existsSync(file)).toBe(false);
    expect((await fetch(job.download.url)).status).toBe(404);
  });
});
