// A small GraphQL-over-HTTP client for tests, talking to the serverless-offline server.
import { inject } from "vitest";

export interface GraphqlResponse<Data = Record<string, any>> {
  status: number;
  headers: Headers;
  body: { data?: Data | null; errors?: { message: string; path?: string[]; extensions?: Record<string, any> }[] };
}

export async function graphql<Data = Record<string, any>>(
  query: string,
  variables?: Record<string, unknown>,
  options: { apiKey?: string; headers?: Record<string, string> } = {},
): Promise<GraphqlResponse<Data>> {
  const response = await fetch(inject("graphqlUrl"), {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/graphql-response+json",
      ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}),
      ...options.headers,
    },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : {} };
}

let counter = 0;

/** Signs a new user up through the API and returns their id (global) and API key. */
export async function signUp(displayName = `Tester ${process.pid}-${++counter}`, extra: Record<string, unknown> = {}) {
  const { body } = await graphql<{ createUser: { apiKey: string; user: { id: string } } }>(
    `mutation ($input: CreateUserInput!) {
      createUser(input: $input) { ... on CreateUserPayload { apiKey user { id } } ... on Error { message } }
    }`,
    { input: { displayName, ...extra } },
  );
  const created = body.data?.createUser;
  if (!created?.apiKey) throw new Error(`sign-up failed: ${JSON.stringify(body)}`);
  return { apiKey: created.apiKey, id: created.user.id };
}
