// The typed `graphql()` tag: documents written with it are parsed by TypeScript against
// schema/schema.graphql (through graphql-env.d.ts, written by `npm run client:generate`), so each
// document's result and variables types come from the schema, never by hand.
import { initGraphQLTada } from "gql.tada";
import type { introspection } from "./graphql-env.d.ts";

export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { DateTime: string; JSONObject: Record<string, unknown> };
}>();

export type { FragmentOf, ResultOf, VariablesOf } from "gql.tada";
