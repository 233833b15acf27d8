// A small GraphQL-over-HTTP client for typed documents: it sends a document with its variables
// (and the API key, and an Idempotency-Key when asked), and answers the document's own result
// type. It depends on fetch alone, so it runs in browsers, Node ≥ 18 and Lambda alike.
import { print } from "@0no-co/graphql.web";
import type { ResultOf, TadaDocumentNode, VariablesOf } from "gql.tada";

export interface ClientOptions {
  /** The API's endpoint, e.g. "/graphql" in the browser or "http://127.0.0.1:3000/graphql". */
  url: string;
  /** Read on every request, so a sign-in or sign-out takes effect at once. */
  apiKey?: () => string | null | undefined;
  fetch?: typeof fetch;
}

export interface RequestOptions {
  /** Sent as the Idempotency-Key header: a retry with the same key replays the first answer. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

interface GraphQLErrorBody {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

/**
 * The request as a whole was refused (HTTP 4xx/5xx, or top-level `errors`): not signed in, rate
 * limited, the query too costly, the database briefly full. `retryAfterSeconds` is set when the
 * server says when to retry (429, 503).
 */
export class RequestError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string | null,
    readonly errors: readonly GraphQLErrorBody[],
    readonly retryAfterSeconds: number | null,
  ) {
    super(message);
    this.name = "RequestError";
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any typed document of any shape
type Document = TadaDocumentNode<any, any>;

export interface Client {
  request<D extends Document>(document: D, variables?: VariablesOf<D>, options?: RequestOptions): Promise<ResultOf<D>>;
}

export function createClient(options: ClientOptions): Client {
  const printed = new WeakMap<Document, string>();
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  return {
    async request(document, variables, requestOptions) {
      let query = printed.get(document);
      if (query === undefined) printed.set(document, (query = print(document)));
      const headers: Record<string, string> = { "content-type": "application/json", accept: "application/graphql-response+json, application/json" };
      const key = options.apiKey?.();
      if (key) headers.authorization = `Bearer ${key}`;
      if (requestOptions?.idempotencyKey) headers["idempotency-key"] = requestOptions.idempotencyKey;
      const response = await doFetch(options.url, { method: "POST", headers, body: JSON.stringify({ query, variables: variables ?? {} }), signal: requestOptions?.signal });
      const text = await response.text();
      let body: { data?: unknown; errors?: GraphQLErrorBody[] };
      try {
        body = JSON.parse(text) as typeof body;
      } catch {
        throw new RequestError(`The server answered HTTP ${response.status} without GraphQL: ${text.slice(0, 200)}`, response.status, null, [], retryAfter(response));
      }
      if (body.errors?.length || !body.data) {
        const errors = body.errors ?? [];
        const message = errors.map((e) => e.message).join("; ") || `HTTP ${response.status} without data`;
        throw new RequestError(message, response.status, errors[0]?.extensions?.code ?? null, errors, retryAfter(response));
      }
      return body.data as never;
    },
  };
}

function retryAfter(response: Response): number | null {
  const value = Number(response.headers.get("retry-after"));
  return Number.isFinite(value) && value > 0 ? value : null;
}

/** A result union's error member (see the Problem fragment). */
export interface Problem {
  __typename: string;
  code: string;
  message: string;
  issues?: readonly { path: readonly string[]; message: string }[];
  totalIssues?: number;
  line?: number | null;
  column?: number | null;
  reason?: string;
  detail?: string;
}

/** A field answered one of its errors (ValidationError, CircuitError, NotFoundError, …). */
export class ResultError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.message);
    this.name = "ResultError";
  }
}

/**
 * Narrows a result union to the member the caller expects, or throws its error member as a
 * ResultError (every union member but the payload implements Error and carries the Problem fields).
 */
export function unwrap<R extends { __typename?: string }, T extends NonNullable<R["__typename"]>>(result: R, typename: T): Extract<R, { __typename?: T }> {
  if (result.__typename === typename) return result as Extract<R, { __typename?: T }>;
  throw new ResultError(result as unknown as Problem);
}
