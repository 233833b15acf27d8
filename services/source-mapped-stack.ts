// Stack traces of the deployed bundle name minified chunks (dist/functions/**/*.mjs:1:53210).
// Node's --enable-source-maps would map them, but it reads and parses the map of every chunk as
// the chunk loads, which cost each cold start ~12 ms (bench/coldstart.ts). Logged errors are
// rare, so we map their stacks when they are logged instead: a chunk's map is read the first time
// a stack names that chunk.
import fs from "node:fs";
import { SourceMap } from "node:module";
import { fileURLToPath } from "node:url";

/** `file:///…/dist/functions/….mjs:line:column` in a V8 stack frame: a frame in our bundle. */
const FRAME = /(file:\/\/\/[^\s()]*\/dist\/functions\/[^\s()]+?\.mjs):(\d+):(\d+)/g;
const maps = new Map<string, SourceMap | null>();

function sourceMapOf(url: string): SourceMap | null {
  let map = maps.get(url);
  if (map === undefined) {
    try {
      map = new SourceMap(JSON.parse(fs.readFileSync(`${fileURLToPath(url)}.map`, "utf8")));
    } catch {
      map = null; // no map beside it, or unreadable: leave its frames as they are
    }
    maps.set(url, map);
  }
  return map;
}

/** The stack with each frame in a mapped chunk replaced by its source file, line and column. */
export function sourceMappedStack(stack: string): string {
  return stack.replace(FRAME, (frame, url: string, line: string, column: string) => {
    const entry = sourceMapOf(url)?.findEntry(Number(line) - 1, Number(column) - 1);
    // findEntry falls back to the nearest mapping before the position, which may be another line.
    if (!entry || !("originalSource" in entry) || entry.generatedLine !== Number(line) - 1) return frame;
    // Sources are relative to the map ("../../services/x.ts"): name them from the project root.
    return `${entry.originalSource.replace(/^(\.\.\/)+/, "")}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
  });
}
