// Where exports are written: a folder (locally, and wherever a disk is shared). The store hands out
// a streaming writer (backpressure respected, so memory stays flat) and reads a finished file back.
// A cloud deployment puts an object store behind the same interface.
import fs from "node:fs";
import path from "node:path";
import { once } from "node:events";
import type { Readable } from "node:stream";

export interface ExportFile {
  /** Appends text; resolves with its size in bytes once the stream can take more. */
  write(text: string): Promise<number>;
  close(): Promise<void>;
  /** Drops a file that will not be finished. */
  abort(): Promise<void>;
}

export interface ExportStore {
  create(key: string): ExportFile;
  open(key: string): Readable;
  size(key: string): number | null;
  remove(key: string): void;
}

export function folderExportStore(directory: string): ExportStore {
  const file = (key: string) => {
    if (!/^[a-z0-9]+$/i.test(key)) throw new Error(`not an export key: ${key}`);
    return path.join(directory, `${key}.jsonl`);
  };
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
    open: (key) => fs.createReadStream(file(key)),
    size: (key) => (fs.existsSync(file(key)) ? fs.statSync(file(key)).size : null),
    remove: (key) => fs.rmSync(file(key), { force: true }),
  };
}
