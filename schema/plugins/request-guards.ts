// Guards that run on the raw request, before GraphQL parses or validates anything: the nesting
// of brackets in the query text and of the variables' JSON (checked without recursion, so no
// deeply nested document can exhaust a parser's or validator's stack) and the number of lexical
// tokens (graphql-js stops parsing at the first token past it).
import type { Plugin } from "graphql-yoga";
import { GraphQLError, parse } from "graphql";

export interface RequestGuardLimits {
  maxNesting: number;
  maxTokens: number;
}

export function useRequestGuards(limits: RequestGuardLimits): Plugin {
  return {
    onParams({ params }) {
      const queryNesting = typeof params.query === "string" ? documentNesting(params.query, limits.maxNesting) : 0;
      if (queryNesting > limits.maxNesting) throw queryLimitError("nesting", `The query nests brackets deeper than ${limits.maxNesting} levels; flatten it (fragments do not help: selections nest as written).`);
      if (jsonNesting(params.variables, limits.maxNesting) > limits.maxNesting) {
        throw queryLimitError("nesting", `The variables nest deeper than ${limits.maxNesting} levels.`);
      }
    },
    onParse({ setParseFn }) {
      setParseFn((source, options) => {
        try {
          return parse(source, { ...options, maxTokens: limits.maxTokens });
        } catch (error) {
          if (error instanceof GraphQLError && /tokens/.test(error.message)) {
            throw queryLimitError("tokens", `The document has more than ${limits.maxTokens} tokens; send large values as variables.`);
          }
          throw error;
        }
      });
    },
  };
}

/** A request refused before execution because of its shape: HTTP 400, code QUERY_TOO_COMPLEX. */
export function queryLimitError(limit: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "QUERY_TOO_COMPLEX", limit, http: { status: 400 } } });
}

/**
 * The deepest nesting of { [ ( in a GraphQL document, skipping strings, block strings and
 * comments; stops counting once past `stopAbove`.
 */
export function documentNesting(text: string, stopAbove: number): number {
  let depth = 0, deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "#") {
      while (i < text.length && text[i] !== "\n" && text[i] !== "\r") i++;
    } else if (c === '"') {
      if (text.startsWith('"""', i)) {
        const end = text.indexOf('"""', i + 3);
        i = end < 0 ? text.length : end + 2;
      } else {
        for (i++; i < text.length && text[i] !== '"' && text[i] !== "\n"; i++) if (text[i] === "\\") i++;
      }
    } else if (c === "{" || c === "[" || c === "(") {
      depth++;
      if (depth > deepest && (deepest = depth) > stopAbove) return deepest;
    } else if (c === "}" || c === "]" || c === ")") {
      depth--;
    }
  }
  return deepest;
}

/** The deepest nesting of arrays and objects in a parsed JSON value (0 for a scalar), iteratively. */
export function jsonNesting(value: unknown, stopAbove: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    if (depth + 1 > deepest && (deepest = depth + 1) > stopAbove) return deepest;
    for (const child of Array.isArray(node) ? node : Object.values(node)) stack.push([child, depth + 1]);
  }
  return deepest;
}
