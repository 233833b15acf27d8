// The GraphQL-over-HTTP server (graphql-yoga) around the schema: request guards (nesting, tokens,
// aliases, depth, static cost), authentication from the Authorization header, rate limits, one
// work budget per request, error masking and one structured log line per request.
// Transport-agnostic: the Lambda handler and tests both call its `fetch`.
import { createYoga, type GraphiQLOptions, type YogaServerInstance } from "graphql-yoga";
import { assertValidSchema, GraphQLError } from "graphql";
import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { limits, type AppEnv } from "../config/index.ts";
import {
  authenticateApiKey,
  createRateLimiters,
  databaseKind,
  DatabaseUnavailableError,
  DomainError,
  isDatabaseUnavailable,
  lambdaWorkers,
  RateLimitedError,
  RequestBudget,
  UnauthenticatedError,
  type Caller,
  type Db,
  type RateLimiters,
  createLogger,
  type Logger,
} from "../services/index.ts";
import type { Context, ServerContext } from "./context.ts";
import { useQueryCost } from "./plugins/query-cost.ts";
import { useRequestErrorStatus } from "./plugins/request-error-status.ts";
import { useRequestGuards } from "./plugins/request-guards.ts";
import { useRequestLog } from "./plugins/request-log.ts";
import { schema } from "./index.ts";

const HTTP_STATUS: Record<DomainError["code"], number> = {
  INVALID_INPUT: 400,
  INVALID_CIRCUIT: 400,
  NOT_FOUND: 404,
  BUDGET_EXCEEDED: 400,
  QUOTA_EXCEEDED: 400,
  RATE_LIMITED: 429,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  UNAVAILABLE: 503,
};

function httpExtension(error: DomainError): { status: number; headers?: Record<string, string> } {
  const status = HTTP_STATUS[error.code];
  if (status === 401) return { status, headers: { "www-authenticate": "Bearer" } };
  if (error instanceof RateLimitedError || error instanceof DatabaseUnavailableError) return { status, headers: { "retry-after": String(error.retryAfterSeconds) } };
  return { status };
}

export type GraphqlServer = YogaServerInstance<ServerContext, Context>;

export function createGraphqlServer(db: Db, env: AppEnv, logger: Logger = createLogger(env.logLevel)): GraphqlServer {
  const kind = databaseKind(env.databaseUrl);
  const workers = lambdaWorkers(env);
  const rateLimiters = createRateLimiters(db, env.rateLimits);
  // graphql-js validates a schema once, on its first use; here that is the server's start (in
  // Lambda, the init phase) rather than the first request (~8 ms).
  assertValidSchema(schema);
  return createYoga<ServerContext, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    landingPage: false,
    // Not in prod. Its tabs: a welcome, then the README's journey with variables (loaded on first view).
    graphiql: env.stage !== "prod" && (async () => ({ title: "Superpose GraphiQL", defaultTabs: (await import("./graphiql-tabs.ts")).graphiqlTabs(GRAPHIQL_DEFAULT_QUERY) })),
    // GraphiQL's own scripts inline, so the page works with no internet; loaded only when asked for.
    ...(env.graphiqlAssets === "bundled" ? { renderGraphiQL: async (options: GraphiQLOptions) => (await import("@graphql-yoga/render-graphiql")).renderGraphiQL(options) } : {}),
    logging: {
      // yoga's own messages: only warnings and errors, as structured lines.
      debug: () => {},
      info: () => {},
      warn: (...args: unknown[]) => logger.warn({ detail: args.map(String) }, "yoga"),
      error: (...args: unknown[]) => logger.error({ detail: args.map(String) }, "yoga"),
    },
    plugins: [
      useRequestLog(logger),
      useRequestGuards({ maxNesting: limits.graphql.maxNesting, maxTokens: limits.graphql.maxTokens }),
      maxAliasesPlugin({ n: limits.graphql.maxAliases, exposeLimits: true, propagateOnRejection: true }),
      maxDepthPlugin({ n: limits.graphql.maxDepth, ignoreIntrospection: true, exposeLimits: true, propagateOnRejection: true }),
      useQueryCost(
        { maxCost: limits.graphql.maxCost, maxCostAnonymous: limits.graphql.maxCostAnonymous, defaultPageSize: limits.graphql.defaultPageSize, maxPageSize: limits.graphql.maxPageSize },
        (context) => (context as Context).viewer === null,
      ),
      useRequestErrorStatus(),
    ],
    maskedErrors: {
      isDev: false, // never leak internals (stack, driver messages) to clients; they are logged
      // Errors we raise on purpose keep their message and code; anything else is masked.
      maskError(error, message) {
        const original = error instanceof GraphQLError ? error.originalError : error;
        const at = error instanceof GraphQLError ? error : undefined;
        if (isDatabaseUnavailable(original)) logger.warn({ err: original, path: at?.path }, "database unavailable");
        const refused = refusal(original, at);
        if (refused) return refused;
        // GraphQL's own errors (parse, validation, coercion, auth) are meant for the client as they are.
        if (error instanceof GraphQLError && (!error.originalError || error.originalError instanceof GraphQLError)) return error;
        logger.error({ err: original, path: error instanceof GraphQLError ? error.path : undefined }, "internal error");
        return new GraphQLError(message, { extensions: { code: "INTERNAL_SERVER_ERROR" } });
      },
    },
    context: async ({ request, sourceIp }) => {
      const caller = await identify(db, request.headers.get("authorization"), sourceIp ?? "unknown", rateLimiters);
      return {
        request,
        db,
        databaseKind: kind,
        version: env.version,
        trainingDriver: env.trainingDriver,
        workers,
        viewer: caller?.user ?? null,
        apiKeyId: caller?.keyId ?? null,
        sourceIp: sourceIp ?? "unknown",
        rateLimiters,
        exports: { ...env.exports, publicUrl: env.exports.publicUrl ?? `${env.stage === "prod" ? "https" : "http"}://${request.headers.get("host") ?? "localhost"}` },
        budget: new RequestBudget(),
      };
    },
  });
}

/**
 * What the client is told for an error we expect: a DomainError as it is, and a database with no
 * connection now as a retryable 503 (not a 500). Null for anything else (masked and logged).
 */
function refusal(error: unknown, at?: GraphQLError): GraphQLError | null {
  if (error instanceof DomainError) return clientError(error, at);
  if (isDatabaseUnavailable(error)) return clientError(new DatabaseUnavailableError(limits.database.retryAfterSeconds), at);
  return null;
}

/** A refusal meant for the client: its message, code and HTTP status (never logged as an internal error). */
function clientError(error: DomainError, at?: GraphQLError): GraphQLError {
  return new GraphQLError(error.message, { nodes: at?.nodes, path: at?.path, extensions: { code: error.code, http: httpExtension(error) } });
}

/** Who is calling (authenticated and within their rate limit), or a 401 / 429 refusal. */
async function identify(db: Db, authorization: string | null, sourceIp: string, rateLimiters: RateLimiters): Promise<Caller | null> {
  try {
    const caller = await callerFrom(db, authorization);
    if (caller) await rateLimiters.consumeKey(caller.keyId);
    else await rateLimiters.consumeAnonymous(sourceIp);
    return caller;
  } catch (error) {
    throw refusal(error) ?? error;
  }
}

/** No header: anonymous. A header that is not a valid `Bearer <key>`: refused, with 401. */
async function callerFrom(db: Db, authorization: string | null): Promise<Caller | null> {
  if (authorization === null || authorization.trim() === "") return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new UnauthenticatedError("The Authorization header must be `Bearer <API key>`");
  return authenticateApiKey(db, match[1]!);
}

export const GRAPHIQL_DEFAULT_QUERY = `# Welcome to Superpose. Sign up with createUser, then send its apiKey as
# the header  Authorization: Bearer <apiKey>  (Headers tab, below). The whole first
# journey, with variables, is examples/journey.graphql (npm run demo runs it).
query Health {
  health { status version databaseKind databaseLatencyMs }
}

mutation SignUp {
  createUser(input: { displayName: "Ada", features: [0.4, -0.2, 0.9, 0.1], consent: { personalization: true, sharedTraining: true } }) {
    ... on CreateUserPayload { apiKey user { id displayName } }
    ... on Error { code message }
  }
}

query Me {
  me { id displayName features preferences consent { personalization sharedTraining } }
}

query SimulateBell {
  simulate(input: {
    qasm: "OPENQASM 2.0; include \\"qelib1.inc\\"; qreg q[2]; creg c[2]; h q[0]; cx q[0], q[1]; measure q -> c;"
    shots: 1000, seed: 7, observables: ["Z0 Z1", "X0 X1"]
  }) {
    ... on Simulation { probabilities { bitstring probability } counts { bitstring count } expectations { observable value } }
    ... on Error { code message }
  }
}
`;
