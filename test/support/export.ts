// Runs an export through the API the way a client does: start it, poll the job, download the
// signed URL, and parse the JSON lines.
import { expect } from "vitest";
import { graphql } from "./graphql.ts";

export interface ExportedRecord {
  type: string;
  [field: string]: unknown;
}

export async function exportThroughApi(apiKey: string): Promise<{ records: ExportedRecord[]; job: { id: string; rows: number; bytes: number; download: { url: string } } }> {
  const started = await graphql(`mutation { exportMyData { __typename ... on ExportPayload { job { id status } } } }`, {}, { apiKey });
  expect(started.body.data!.exportMyData.__typename).toBe("ExportPayload");
  const id = started.body.data!.exportMyData.job.id as string;
  let job: { id: string; status: string; rows: number; bytes: number; download: { url: string } | null } | undefined;
  for (let polls = 0; polls < 200; polls++) {
    job = (await graphql(`query ($id: ID!) { exportJob(id: $id) { ... on ExportJob { id status rows bytes error download { url expiresAt } } } }`, { id }, { apiKey })).body.data!.exportJob;
    if (job!.status === "SUCCEEDED" || job!.status === "FAILED") break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(job!.status).toBe("SUCCEEDED");
  const response = await fetch(job!.download!.url);
  expect(response.status).toBe(200);
  const text = await response.text();
  expect(Buffer.byteLength(text)).toBe(job!.bytes);
  const records = text.trimEnd().split("\n").map((line) => JSON.parse(line) as ExportedRecord);
  expect(records).toHaveLength(job!.rows);
  return { records, job: job as { id: string; rows: number; bytes: number; download: { url: string } } };
}
