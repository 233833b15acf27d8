// Circuits: import OpenQASM, list and read back, draw, simulate.
import { graphql } from "../graphql.ts";
import { Problem } from "./problem.ts";

export const CircuitSummary = graphql(`
  fragment CircuitSummary on Circuit @_unmask {
    id name numQubits numClbits depth gateCount parameters format createdAt
  }
`);

export const ImportCircuit = graphql(
  `
  mutation StudioImportCircuit($input: ImportCircuitInput!) {
    importCircuit(input: $input) {
      __typename
      ... on ImportCircuitPayload { circuit { ...CircuitSummary source diagram(format: SVG) } }
      ...Problem
    }
  }
`,
  [CircuitSummary, Problem],
);

export const MyCircuits = graphql(
  `
  query StudioMyCircuits($first: Int!) {
    me { circuits(first: $first) { totalCount edges { node { ...CircuitSummary } } } }
  }
`,
  [CircuitSummary],
);

export const Circuit = graphql(
  `
  query StudioCircuit($id: ID!) {
    circuit(id: $id) {
      __typename
      ... on Circuit { ...CircuitSummary source diagram(format: SVG) }
      ...Problem
    }
  }
`,
  [CircuitSummary, Problem],
);

export const DeleteCircuit = graphql(
  `
  mutation StudioDeleteCircuit($id: ID!) {
    deleteCircuit(id: $id) { __typename ...Problem }
  }
`,
  [Problem],
);

export const Simulate = graphql(
  `
  query StudioSimulate($input: SimulateInput!, $limit: Int!) {
    simulate(input: $input) {
      __typename
      ... on Simulation {
        numQubits shots seed
        probabilities(limit: $limit) { bitstring probability }
        counts { bitstring count }
        expectations { observable value }
      }
      ...Problem
    }
  }
`,
  [Problem],
);
