// The static cost of an operation, computed before execution with its variables known
// (graphql-query-complexity): each field costs 1, expensive fields their own price, and a list
// argument multiplies what is selected under it (first/last, ids, rows, candidates, examples;
// a connection without `first` counts its default page). Introspection has a price like any
// query. Anonymous callers get a smaller allowance. Refused operations never start.
import type { Plugin } from "graphql-yoga";
import { GraphQLError, getNamedType, type GraphQLField } from "graphql";
import { getComplexity, type ComplexityEstimator } from "graphql-query-complexity";
import { queryLimitError } from "./request-guards.ts";

export interface QueryCostLimits {
  maxCost: number;
  maxCostAnonymous: number;
  defaultPageSize: number;
  /** The most a page holds: a larger `first` is served as this many, so it costs as this many. */
  maxPageSize: number;
}

/** Fields that do more than read a row, priced in the same units (a plain field costs 1). */
export const FIELD_COSTS: Record<string, number> = {
  "Query.__schema": 3_000,
  "Query.__type": 50,
  "Query.health": 5,
  "Query.simulate": 50,
  "Query.recommend": 50,
  "Mutation.exportMyData": 100,
  "Query.trainingJob": 20,
  "Mutation.createUser": 20,
  "Mutation.importCircuit": 20,
  "Mutation.importDataset": 50,
  "Mutation.addExamples": 20,
  "Mutation.predict": 20,
  "Mutation.predictBatch": 20,
  "Mutation.recordFeedback": 20,
  "Mutation.personalize": 100,
  "Mutation.startTraining": 20,
  "Mutation.deleteMe": 50,
  "Mutation.deletePredictions": 50,
  "Mutation.deleteFeedback": 50,
  "User.usage": 10,
  "Circuit.diagram": 20,
  "Circuit.qasm": 10,
  "ModelCircuit.diagram": 20,
};

/** A few prices, quoted in the refusal. */
const PRICE_EXAMPLES = ["Query.simulate", "Mutation.exportMyData", "Query.__schema"].map((f) => `${f.split(".")[1]} ${FIELD_COSTS[f]}`).join(", ");

/** Arguments whose length multiplies the cost of the field's selection. */
const LIST_ARGUMENTS = ["ids", "rows", "candidates", "examples"];

export function useQueryCost(limits: QueryCostLimits, isAnonymous: (context: unknown) => boolean): Plugin {
  const estimator: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
    if (field.name === "__typename") return 0;
    const price = FIELD_COSTS[`${type.name}.${field.name}`] ?? 1;
    if (field.name === "__schema") return price; // the whole schema, whatever is selected
    return price + multiplier(field, args, limits) * childComplexity;
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const max = isAnonymous(args.contextValue) ? limits.maxCostAnonymous : limits.maxCost;
      let cost: number;
      try {
        cost = getComplexity({
          schema: args.schema,
          query: args.document,
          variables: (args.variableValues ?? {}) as Record<string, unknown>,
          operationName: args.operationName ?? undefined,
          estimators: [estimator],
        });
      } catch (error) {
        // Variables that do not coerce are reported by execution itself, with its own message.
        if (error instanceof GraphQLError && !/maximum query nodes/i.test(error.message)) return;
        setResultAndStopExecution({ errors: [queryLimitError("cost", "The operation has too many fields once fragments are expanded; select fewer.")] });
        return;
      }
      (args.contextValue as { queryCost?: number }).queryCost = cost;
      if (cost > max) {
        const who = isAnonymous(args.contextValue) ? " for calls without an API key" : "";
        setResultAndStopExecution({
          errors: [
            queryLimitError(
              "cost",
              `The operation costs ${cost}; the limit${who} is ${max}. Every field costs 1, some more (${PRICE_EXAMPLES}), ` +
                `and first/last (up to ${limits.maxPageSize}), ids, rows and candidates multiply what is selected under them: ask for smaller pages or fewer fields, or split the operation.`,
            ),
          ],
        });
      }
    },
  };
}

function multiplier(field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, limits: QueryCostLimits): number {
  const connection = getNamedType(field.type).name.endsWith("Connection");
  const page = (args.first ?? args.last) as number | undefined;
  if (typeof page === "number") return Math.max(0, connection ? Math.min(page, limits.maxPageSize) : page);
  for (const name of LIST_ARGUMENTS) {
    const list = args[name];
    if (Array.isArray(list)) return list.length;
  }
  return connection ? limits.defaultPageSize : 1;
}
