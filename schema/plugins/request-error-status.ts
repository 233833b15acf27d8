// GraphQL-over-HTTP: a response without `data` is a request error, and with the
// application/graphql-response+json media type it MUST carry a 4xx status. Yoga already does this
// for parse and validation errors, but not for variable coercion ("Field x is not defined by type
// Y") or for errors from validation plugins such as the depth limit. Mark those 400 here.
// `spec: true` keeps 200 for legacy application/json clients, as the spec recommends.
// graphql-armor's alias and depth limits word their refusals "Syntax Error: …"; they are not
// syntax errors, so they are reworded here: which limit, what was found, how to get under it.
import type { Plugin } from "graphql-yoga";
import { GraphQLError, type ExecutionResult } from "graphql";

export function useRequestErrorStatus(): Plugin {
  return {
    onResultProcess({ result, setResult }) {
      if (isAsyncIterable(result)) return;
      const results = Array.isArray(result) ? result : [result];
      const marked = results.map(markRequestErrors);
      if (marked.some((r, i) => r !== results[i])) setResult(Array.isArray(result) ? marked : marked[0]!);
    },
  };
}

function markRequestErrors(result: ExecutionResult): ExecutionResult {
  if ("data" in result || !result.errors?.length) return result;
  if (result.errors.some((error) => error.extensions?.http)) return result;
  return {
    ...result,
    errors: result.errors.map(
      (error) =>
        explainArmorLimit(error) ??
        new GraphQLError(error.message, {
          nodes: error.nodes,
          source: error.source,
          positions: error.positions,
          path: error.path,
          originalError: error.originalError,
          extensions: { ...error.extensions, http: { status: 400, spec: true } },
        }),
    ),
  };
}

const ARMOR_LIMITS: [RegExp, string, (limit: string, found: string) => string][] = [
  [/^Syntax Error: Aliases limit of (\d+) exceeded, found (\d+)\.$/, "aliases", (limit, found) => `The operation has ${found} aliases; the limit is ${limit}. Split it into several requests.`],
  [
    /^Syntax Error: Query depth limit of (\d+) exceeded, found (\d+)\.$/,
    "depth",
    (limit, found) => `The operation nests fields ${found} levels deep; the limit is ${limit}. Select less deeply, and fetch what lies deeper by id (node(id:)) in another request.`,
  ],
];

function explainArmorLimit(error: GraphQLError): GraphQLError | null {
  for (const [pattern, limit, explain] of ARMOR_LIMITS) {
    const match = pattern.exec(error.message);
    if (match) return new GraphQLError(explain(match[1]!, match[2]!), { nodes: error.nodes, extensions: { code: "QUERY_TOO_COMPLEX", limit, http: { status: 400, spec: true } } });
  }
  return null;
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === "object" && value !== null && Symbol.asyncIterator in value;
}
