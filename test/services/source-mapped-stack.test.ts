// Logged errors of the deployed bundle name our sources, not its minified chunks. A plain Node
// process (no --enable-source-maps, as in Lambda) runs the fanout function's bundle
// (dist/functions/fanout.mjs, built by the test setup) on an unknown shard kind; the stack it
// prints names chunks, and the logger's error serializer turns it into services/fanout.ts.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { serializeError } from "../../services/log.ts";
import { sourceMappedStack } from "../../services/source-mapped-stack.ts";

const root = path.resolve(import.meta.dirname, "../..");
const bundle = pathToFileURL(path.join(root, "dist/functions/fanout.mjs")).href;

/** The stack of the bundle's error, as a Lambda instance would log it without our mapping. */
function bundledStack(): string {
  const script = `const { handler } = await import(${JSON.stringify(bundle)}); await handler({ kind: "nope" }).then(() => console.log("accepted"), (error) => console.log(error.stack));`;
  return execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: root, env: { PATH: process.env.PATH }, encoding: "utf8" });
}

describe("source-mapped stacks", () => {
  it("maps the bundle's frames to our source files, lines and columns", () => {
    const stack = bundledStack();
    expect(stack).toMatch(/^Error: unknown shard kind "nope"\n\s+at \S+ \(file:\/\/\/.*dist\/functions\/.*\.mjs:\d+:\d+\)/);
    const error = Object.assign(new Error('unknown shard kind "nope"'), { stack });
    const mapped = serializeError(error).stack;
    // The throw in services/fanout.ts (the line that says it), then its caller, the handler.
    const [first, second] = mapped.split("\n").slice(1);
    expect(first).toMatch(/^\s+at \S+ \(services\/fanout\.ts:\d+:\d+\)$/);
    expect(second).toMatch(/^\s+at \S+ \(functions\/fanout\.ts:\d+:\d+\)$/);
    const line = Number(/fanout\.ts:(\d+)/.exec(first!)![1]);
    expect(readLine("services/fanout.ts", line)).toContain("unknown shard kind");
    expect(mapped).not.toMatch(/dist\/functions/);
  });

  it("leaves frames outside the bundle, or without a map, as they are", () => {
    expect(fs.existsSync(path.join(root, "node_modules/@prisma/client/runtime/client.mjs.map"))).toBe(true);
    const stack = [
      "Error: x",
      "    at f (file:///nowhere/dist/functions/chunks/gone.mjs:1:10)", // no map beside it
      `    at g (${pathToFileURL(path.join(root, "node_modules/@prisma/client/runtime/client.mjs")).href}:1:10)`, // not our bundle (it has a map beside it, which we leave alone)
      "    at h (node:internal/process/task_queues:95:5)",
      "    at i (/work/a.ts:3:4)",
    ].join("\n");
    expect(sourceMappedStack(stack)).toBe(stack);
  });
});

function readLine(file: string, line: number): string {
  return fs.readFileSync(path.join(root, file), "utf8").split("\n")[line - 1]!;
}
