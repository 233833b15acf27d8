import { graphql } from "../graphql.ts";

/**
 * What every result union's error members carry: the code and a message for people, plus where
 * the problem is (a validation issue's path, a circuit's line and column, a budget's numbers).
 * Unmasked, so its fields read directly on the result.
 */
export const Problem = graphql(`
  fragment Problem on Error @_unmask {
    __typename
    code
    message
    ... on ValidationError { totalIssues issues { path message } }
    ... on CircuitError { reason detail line column }
    ... on BudgetError { what needed remaining limit }
    ... on QuotaError { quota used limit adding }
  }
`);
