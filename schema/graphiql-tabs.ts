// GraphiQL's default tabs: a welcome tab, then one tab per step of the README's first journey,
// each with its operation (examples/journey.graphql) and its variables
// (examples/journey.variables.json, the README's JSON; test/docs/readme.test.ts keeps them equal).
// Bundled into the graphql function as text (scripts/bundle.mjs); loaded only for the GraphiQL page.
import journey from "../examples/journey.graphql";
import variables from "../examples/journey.variables.json";

export interface GraphiqlTab {
  query: string;
  variables?: string;
}

/** The operations of a document, each with the comment lines right above it. */
export function splitOperations(document: string): { name: string; text: string }[] {
  const starts = [...document.matchAll(/^(query|mutation) (\w+)/gm)];
  return starts.map((match, i) => ({
    name: match[2]!,
    text: document.slice(match.index, starts[i + 1]?.index ?? document.length).trim(),
  }));
}

export function graphiqlTabs(welcome: string): GraphiqlTab[] {
  const examples = variables as Record<string, unknown>;
  const steps = splitOperations(journey).filter((operation) => operation.name !== "Health");
  return [
    { query: welcome },
    ...steps.map((operation) => ({
      query: `# The first journey (README "Using the API"; examples/journey.graphql). Replace <…> in the variables with ids from earlier answers.\n${operation.text}\n`,
      ...(examples[operation.name] ? { variables: JSON.stringify(examples[operation.name], null, 2) } : {}),
    })),
  ];
}
