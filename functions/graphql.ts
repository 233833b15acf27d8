// AWS Lambda handler for the GraphQL API (API Gateway HTTP API, payload v2): POST/GET /graphql.
// The database connection and the yoga server are created in the init phase (lib/init-phase.ts),
// else by the first request, and reused while the function stays warm.
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import { limits, readEnv } from "../config/index.ts";
import { warmDatabase } from "./lib/warm-database.ts";
import { duringInit, openDatabase } from "./lib/init-phase.ts";
import { startEngineThreads } from "../services/engine-threads.ts";
import { createGraphqlServer, type GraphqlServer } from "../schema/server.ts";
import { handleHttpApiEvent } from "./lib/http-api.ts";

let server: Promise<GraphqlServer> | undefined;

function warmServer(): Promise<GraphqlServer> {
  server ??= (async () => {
    const env = readEnv();
    return createGraphqlServer(await warmDatabase(env), env);
  })().catch((error: unknown) => {
    server = undefined; // let the next request retry instead of failing forever
    throw error;
  });
  return server;
}

await duringInit(() => Promise.all([warmServer(), openDatabase()]));
// Big states (2^17 amplitudes and more) split their kernels among the vCPUs this function's memory buys.
startEngineThreads();

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const yoga = await warmServer();
  return handleHttpApiEvent(event, (request, context) => yoga.fetch(request, context), limits.http.maxBodyBytes);
}
