// Where exports are written. Locally (and wherever a disk is shared): a folder, with downloads
// served by our own signed route. In the cloud (EXPORT_BUCKET set): an S3 bucket; the file is
// written to the function's temporary disk page by page, then uploaded as one streamed PUT, and
// downloaded straight from S3 through a short-lived presigned URL (no 6 MB Lambda response limit).
// Either way the export is streamed: memory holds a page, never the file.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import type { Readable } from "node:stream";

export interface ExportFile {
  /** Appends text; resolves with its size in bytes once the stream can take more. */
  write(text: string): Promise<number>;
  /** Finishes the file (and, for S3, uploads it). */
  close(): Promise<void>;
  /** Drops a file that will not be finished. */
  abort(): Promise<void>;
}

export interface ExportStore {
  create(key: string): ExportFile;
  /** A URL that downloads a finished file straight from the store, or null: the API's signed route serves it. */
  presignedUrl(key: string, seconds: number): Promise<string | null>;
  /** The finished file, for the API's route (folder stores). */
  open(key: string): Readable;
  size(key: string): number | null;
  remove(key: string): Promise<void>;
}

export interface ExportStoreConfig {
  directory: string;
  bucket: string | null;
  region?: string;
}

const stores = new Map<string, Promise<ExportStore>>();

/**
 * The store the configuration names, one per configuration per warm process (the S3 client is
 * loaded only when a bucket is configured).
 */
export function openExportStore(config: ExportStoreConfig): Promise<ExportStore> {
  if (!config.bucket) return Promise.resolve(folderExportStore(config.directory));
  const key = `${config.bucket}|${config.region ?? ""}`;
  let store = stores.get(key);
  if (!store) {
    const bucket = config.bucket;
    store = import("@aws-sdk/client-s3").then(({ S3Client }) => s3ExportStore(bucket, new S3Client({ region: config.region })));
    stores.set(key, store);
  }
  return store;
}

function checkKey(key: string): string {
  if (!/^[a-z0-9]+$/i.test(key)) throw new Error(`not an export key: ${key}`);
  return `${key}.jsonl`;
}

export function folderExportStore(directory: string): ExportStore {
  const file = (key: string) => path.join(directory, checkKey(key));
  return {
    create(key) {
      fs.mkdirSync(directory, { recursive: true });
      const stream = fs.createWriteStream(file(key));
      return {
        async write(text) {
          if (!stream.write(text)) await once(stream, "drain");
          return Buffer.byteLength(text);
        },
        async close() {
          stream.end();
          await once(stream, "finish");
        },
        async abort() {
          stream.destroy();
          fs.rmSync(file(key), { force: true });
        },
      };
    },
    presignedUrl: async () => null,
    open: (key) => fs.createReadStream(file(key)),
    size: (key) => (fs.existsSync(file(key)) ? fs.statSync(file(key)).size : null),
    remove: async (key) => fs.rmSync(file(key), { force: true }),
  };
}

/** Exports in an S3 bucket, staged on the local temporary disk while they are written. */
export function s3ExportStore(bucket: string, client: import("@aws-sdk/client-s3").S3Client, staging = path.join(os.tmpdir(), "superpose-exports")): ExportStore {
  const local = folderExportStore(staging);
  const sdk = () => import("@aws-sdk/client-s3");
  return {
    create(key) {
      const file = local.create(key);
      return {
        write: (text) => file.write(text),
        async close() {
          await file.close();
          const { PutObjectCommand } = await sdk();
          const body = local.open(key);
          body.on("error", () => undefined); // a failed upload is reported by send(); the stream's own error adds nothing
          try {
            await client.send(new PutObjectCommand({ Bucket: bucket, Key: checkKey(key), Body: body, ContentLength: local.size(key) ?? 0, ContentType: "application/x-ndjson" }));
          } finally {
            body.destroy();
            await local.remove(key);
          }
        },
        abort: () => file.abort(),
      };
    },
    async presignedUrl(key, seconds) {
      const [{ GetObjectCommand }, { getSignedUrl }] = await Promise.all([sdk(), import("@aws-sdk/s3-request-presigner")]);
      const command = new GetObjectCommand({ Bucket: bucket, Key: checkKey(key), ResponseContentDisposition: `attachment; filename="superpose-export-${key}.jsonl"` });
      return getSignedUrl(client, command, { expiresIn: seconds });
    },
    open: () => {
      throw new Error("exports in S3 are downloaded from S3 (presignedUrl)");
    },
    size: () => null,
    async remove(key) {
      const { DeleteObjectCommand } = await sdk();
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: checkKey(key) }));
    },
  };
}
