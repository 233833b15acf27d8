// AWS Lambda handler `fanout`: computes one shard of a big computation (a slice of a quantum-kernel
// Gram matrix) and returns it. Invoked by coordinators through the Lambda API, never over HTTP.
// Imported from its module, not services/index.ts, so the bundle carries no database client.
import { runFanoutShard, type FanoutShard } from "../services/fanout.ts";

export async function handler(event: FanoutShard): Promise<{ values: number[] }> {
  return runFanoutShard(event);
}
