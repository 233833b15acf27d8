// Work that outgrows one function, split into shards that `fanout` invocations compute in
// parallel and merged in shard order. Each shard is a pure function of its payload, so the merged
// result is the same, bit for bit, however it was sharded (or not sharded at all).
import { limits } from "../config/index.ts";
import { fidelityGram, type KernelFeatureMap } from "../ml/index.ts";
import type { Workers } from "./workers.ts";

export interface GramShard {
  kind: "gram";
  map: KernelFeatureMap;
  /** The rows of this shard, and all the columns. */
  rows: number[][];
  columns: number[][];
}

export type FanoutShard = GramShard;

/** What one fanout invocation does. */
export function runFanoutShard(shard: FanoutShard): { values: number[] } {
  if (shard.kind !== "gram") throw new Error(`unknown shard kind ${JSON.stringify((shard as { kind: unknown }).kind)}`);
  return { values: Array.from(fidelityGram(shard.map, shard.rows, shard.columns)) };
}

/**
 * The rows × columns fidelity kernel matrix (columns default to the rows: a Gram matrix),
 * computed by `fanout` workers in shards of shardRows rows.
 */
export async function shardedGram(
  workers: Workers,
  map: KernelFeatureMap,
  rows: number[][],
  shardRows: number = limits.fanout.shardRows,
  columns: number[][] = rows,
): Promise<Float64Array> {
  const shards: GramShard[] = [];
  for (let start = 0; start < rows.length; start += shardRows) shards.push({ kind: "gram", map, rows: rows.slice(start, start + shardRows), columns });
  const results: number[][] = new Array(shards.length);
  // A bounded number in flight: each shard is one invocation.
  let next = 0;
  const lane = async () => {
    while (next < shards.length) {
      const index = next++;
      const result = (await workers.call("fanout", shards[index])) as { values?: unknown };
      if (!Array.isArray(result?.values) || result.values.length !== shards[index]!.rows.length * columns.length) {
        throw new Error(`fanout shard ${index} returned ${Array.isArray(result?.values) ? result.values.length : "no"} values`);
      }
      results[index] = result.values as number[];
    }
  };
  await Promise.all(Array.from({ length: Math.min(limits.fanout.concurrency, shards.length) }, lane));
  const gram = new Float64Array(rows.length * columns.length);
  let offset = 0;
  for (const values of results) {
    gram.set(values, offset);
    offset += values.length;
  }
  return gram;
}
