// Superpose's typed GraphQL client: createClient() and every operation the Studio uses, each a
// typed document (its result and variables types come from schema/schema.graphql).
export { createClient, unwrap, RequestError, ResultError, type Client, type ClientOptions, type Problem, type RequestOptions } from "./client.ts";
export { graphql, type FragmentOf, type ResultOf, type VariablesOf } from "./graphql.ts";
export * as account from "./operations/account.ts";
export * as circuits from "./operations/circuits.ts";
export * as models from "./operations/models.ts";
export * as portfolio from "./operations/portfolio.ts";
export * as predictions from "./operations/predictions.ts";
export * as privacy from "./operations/privacy.ts";
