// The S3 export store against a mocked S3 (AWS itself is the one thing tests cannot reach): an
// export is staged on the local disk page by page, uploaded as one streamed PUT, downloaded
// through a presigned URL that expires, and deleted with the account.
import { DeleteObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../config/index.ts";
import { createUser, deleteUserData, importCircuit, runExport, s3ExportStore, startExport, unlimitedBudget, type Db } from "../../services/index.ts";
import { connectTestDatabase } from "../support/database.ts";

let db: Db;
beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => { await db.$disconnect(); });

async function text(body: unknown): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body as Readable) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

describe("the S3 export store", () => {
  it("uploads the finished file as one streamed PUT, presigns a 15-minute download, and deletes with the account", async () => {
    const client = new S3Client({ region: "eu-west-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } });
    const s3 = mockClient(client);
    const uploads: { key: string; length: number; body: string }[] = [];
    s3.on(PutObjectCommand).callsFake(async (input: { Key: string; ContentLength: number; Body: unknown }) => {
      uploads.push({ key: input.Key, length: input.ContentLength, body: await text(input.Body) });
      return {};
    });
    s3.on(DeleteObjectCommand).resolves({});
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), "superpose-staging-"));
    const store = s3ExportStore("exports-bucket", client, staging);

    const { user } = await createUser(db, { displayName: "To S3" });
    await importCircuit(db, user.id, { name: "bell", qasm: 'OPENQASM 2.0; include "qelib1.inc"; qreg q[2]; h q[0]; cx q[0], q[1];' }, unlimitedBudget());
    const job = await runExport(db, (await startExport(db, user.id)).id, store);
    expect(job.status).toBe("SUCCEEDED");
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({ key: `${job.id}.jsonl`, length: job.bytes });
    const lines = uploads[0]!.body.trimEnd().split("\n").map((line) => JSON.parse(line) as { type: string; name?: string });
    expect(lines).toHaveLength(job.rows);
    expect(lines.find((l) => l.type === "circuit")!.name).toBe("bell");
    expect(fs.readdirSync(staging)).toEqual([]); // the staged file is gone once uploaded

    const url = new URL((await store.presignedUrl(job.id, limits.export.urlSeconds))!);
    expect(url.hostname).toContain("exports-bucket");
    expect(url.pathname).toBe(`/${job.id}.jsonl`);
    expect(url.searchParams.get("X-Amz-Expires")).toBe(String(limits.export.urlSeconds));
    expect(url.searchParams.get("X-Amz-Signature")).toMatch(/^[0-9a-f]{64}$/);

    await deleteUserData(db, user.id, store);
    expect(s3.commandCalls(DeleteObjectCommand).map((c) => c.args[0].input.Key)).toEqual([`${job.id}.jsonl`]);
  });

  it("a failed upload fails the export, without internals, and leaves no staged file", async () => {
    const client = new S3Client({ region: "eu-west-1", credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" } });
    mockClient(client).on(PutObjectCommand).rejects(new Error("AccessDenied: bucket policy at arn:aws:s3:::exports-bucket"));
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), "superpose-staging-"));
    const { user } = await createUser(db, { displayName: "S3 down" });
    const job = await runExport(db, (await startExport(db, user.id)).id, s3ExportStore("exports-bucket", client, staging));
    expect(job.status).toBe("FAILED");
    expect(job.error).toMatch(/^the export stopped because of an internal error \(reference [0-9a-f]{8}\)/);
    expect(job.error).not.toContain("arn:");
    expect(fs.readdirSync(staging)).toEqual([]);
  });
});
