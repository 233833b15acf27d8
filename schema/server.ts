// The GraphQL-over-HTTP server (graphql-yoga) around the schema: authentication from the
// Authorization header, error masking, and the query-depth limit. Transport-agnostic: the Lambda
// handler and tests both call its `fetch`.
import { createYoga, type YogaServerInstance } from "graphql-yoga";
import { GraphQLError } from "graphql";
import { costLimitPlugin } from "@escape.tech/graphql-armor-cost-limit";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { limits, type AppEnv } from "../config/index.ts";
import { authenticateApiKey, databaseKind, DomainError, lambdaWorkers, UnauthenticatedError, type Db } from "../services/index.ts";
import type { Context } from "./context.ts";
import { useRequestErrorStatus } from "./plugins/request-error-status.ts";
import { schema } from "./index.ts";

const HTTP_STATUS: Record<DomainError["code"], number> = {
  INVALID_INPUT: 400,
  INVALID_CIRCUIT: 400,
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
};

function httpExtension(code: DomainError["code"]) {
  const status = HTTP_STATUS[code];
  return status === 401 ? { status, headers: { "www-authenticate": "Bearer" } } : { status };
}

export type GraphqlServer = YogaServerInstance<Record<string, never>, Context>;

export function createGraphqlServer(db: Db, env: AppEnv): GraphqlServer {
  const kind = databaseKind(env.databaseUrl);
  const workers = lambdaWorkers(env);
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: "/graphql",
    landingPage: false,
    graphiql: env.stage !== "prod" && { title: "Superpose GraphiQL", defaultQuery: GRAPHIQL_DEFAULT_QUERY },
    plugins: [
      maxDepthPlugin({
        n: limits.graphql.maxDepth,
        ignoreIntrospection: true,
        exposeLimits: true,
        propagateOnRejection: true,
      }),
      costLimitPlugin({ maxCost: limits.graphql.maxCost, ignoreIntrospection: true, exposeLimits: true, propagateOnRejection: true }),
      useRequestErrorStatus(),
    ],
    maskedErrors: {
      isDev: false, // never leak internals (stack, driver messages) to clients; they are logged
      // Errors we raise on purpose keep their message and code; anything else is masked.
      maskError(error, message, isDev) {
        const original = error instanceof GraphQLError ? error.originalError : error;
        if (original instanceof DomainError) {
          return new GraphQLError(original.message, {
            nodes: error instanceof GraphQLError ? error.nodes : undefined,
            path: error instanceof GraphQLError ? error.path : undefined,
            extensions: { code: original.code, http: httpExtension(original.code) },
          });
        }
        // GraphQL's own errors (parse, validation, coercion, auth) are meant for the client as they are.
        if (error instanceof GraphQLError && (!error.originalError || error.originalError instanceof GraphQLError)) return error;
        console.error(error);
        return new GraphQLError(isDev ? String(original) : message, { extensions: { code: "INTERNAL_SERVER_ERROR" } });
      },
    },
    context: async ({ request }) => ({
      db,
      databaseKind: kind,
      version: env.version,
      trainingDriver: env.trainingDriver,
      workers,
      viewer: await viewerFrom(db, request.headers.get("authorization")),
    }),
  });
}

/** No header: anonymous. A header that is not a valid `Bearer <key>`: refused, with 401. */
async function viewerFrom(db: Db, authorization: string | null): Promise<Context["viewer"]> {
  if (authorization === null || authorization.trim() === "") return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
  if (!match) throw new UnauthenticatedError("The Authorization header must be `Bearer <API key>`");
  return authenticateApiKey(db, match[1]!);
}

export const GRAPHIQL_DEFAULT_QUERY = `# Welcome to Superpose. Sign up with createUser, then send its apiKey as
# the header  Authorization: Bearer <apiKey>  (Headers tab, below).
query Health {
  health { status version databaseKind databaseLatencyMs }
}

mutation SignUp {
  createUser(input: { displayName: "Ada", features: [0.1, 0.7] }) {
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
