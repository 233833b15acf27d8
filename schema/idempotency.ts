// Idempotency keys of retried mutations (startTraining, importDataset, recordFeedback): the
// field's `idempotencyKey` argument or input field, else the request's Idempotency-Key header,
// scoped to the field's response key so that one header covers the aliases of a request apart.
import type { GraphQLResolveInfo } from "graphql";
import { limits } from "../config/index.ts";
import type { GivenKey } from "../services/index.ts";
import type { Context } from "./context.ts";

export const IDEMPOTENCY_KEY_DESCRIPTION =
  `Makes a retry safe: a second call with the same key (and the same input) within ${limits.idempotency.keepHours} h does no work ` +
  `and answers what the first call made. 1–${limits.idempotency.keyMaxLength} printable ASCII characters, e.g. a UUID; one per distinct request. ` +
  "The Idempotency-Key HTTP header does the same for every such field of a request.";

/** The key this field was called with, if any: `explicit` (at `path`), or the header. */
export function givenKey(explicit: string | null | undefined, path: string[], context: Context, info: GraphQLResolveInfo): GivenKey | null {
  if (explicit != null) return { key: explicit, path };
  const header = context.request.headers.get("idempotency-key");
  return header === null ? null : { key: header, path: ["Idempotency-Key header"], scope: String(info.path.key) };
}
