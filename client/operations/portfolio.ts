// Portfolio selection by QAOA: the answer beside the exact optimum, greedy and random sampling.
import { graphql } from "../graphql.ts";
import { Problem } from "./problem.ts";

export const PortfolioPick = graphql(`
  fragment PortfolioPick on PortfolioPick @_unmask {
    assets objective feasible approximationRatio probability count
  }
`);

export const OptimizePortfolio = graphql(
  `
  mutation StudioOptimizePortfolio($input: PortfolioInput!) {
    optimizePortfolio(input: $input) {
      __typename
      ... on PortfolioSolution {
        best { ...PortfolioPick }
        optimum { ...PortfolioPick }
        greedy { ...PortfolioPick }
        randomSampling { ...PortfolioPick }
        mostLikely { ...PortfolioPick }
        expected { objective approximationRatio feasibleProbability }
        riskAversion riskAversionSource budget
        qaoa { layers mixer evaluations byDepth warmStartWon }
        circuit { numQubits depth gateCount diagram(format: SVG) }
      }
      ...Problem
    }
  }
`,
  [PortfolioPick, Problem],
);
