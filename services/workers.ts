// Invoking our own worker functions: `fanout` (one shard of a big computation) and `trainBurst`
// (one burst of a training job). In AWS through the Lambda API; locally the same client targets
// serverless-offline's Lambda endpoint, so tests run the real invoke path.
import type { LambdaClient } from "@aws-sdk/client-lambda";
import type { AppEnv } from "../config/index.ts";

export type WorkerName = "fanout" | "trainBurst" | "exportData";

export interface Workers {
  /** Runs a worker and returns its JSON result (synchronous invocation). */
  call(worker: WorkerName, payload: unknown): Promise<unknown>;
  /** Starts a worker and returns at once (asynchronous "Event" invocation). */
  start(worker: WorkerName, payload: unknown): Promise<void>;
}

// The SDK is imported on first use: most requests never invoke a worker, and it costs cold-start time.
const sdk = () => import("@aws-sdk/client-lambda");
const clients = new Map<string, Promise<LambdaClient>>();

export function lambdaWorkers(env: AppEnv): Workers | null {
  const config = env.workers;
  if (!config) return null;
  const key = `${config.region}|${config.endpoint ?? ""}`;
  const client = () => {
    let created = clients.get(key);
    if (!created) {
      created = sdk().then(({ LambdaClient }) => new LambdaClient({
        region: config.region,
        ...(config.endpoint
          ? { endpoint: config.endpoint, credentials: { accessKeyId: "offline", secretAccessKey: "offline" } } // serverless-offline ignores them
          : {}),
      }));
      clients.set(key, created);
    }
    return created;
  };
  const invoke = async (worker: WorkerName, payload: unknown, type: "RequestResponse" | "Event") => {
    const { InvokeCommand } = await sdk();
    const response = await (await client())
      .send(new InvokeCommand({ FunctionName: config[worker], InvocationType: type, Payload: new TextEncoder().encode(JSON.stringify(payload)) }))
      .catch((error: unknown) => {
        // Locally the usual cause is an endpoint that is not serverless-offline's Lambda port: say what to set.
        if (!config.endpoint) throw error;
        throw new Error(
          `cannot invoke worker ${config[worker]} at LAMBDA_ENDPOINT=${config.endpoint} (${(error as Error).message}): ` +
            "it must be serverless-offline's Lambda API, http://127.0.0.1:<LAMBDA_PORT> (npm start sets it from LAMBDA_PORT)",
          { cause: error },
        );
      });
    if (response.FunctionError) {
      const detail = response.Payload ? new TextDecoder().decode(response.Payload) : response.FunctionError;
      throw new Error(`worker ${config[worker]} failed: ${detail}`);
    }
    return response.Payload && response.Payload.length ? JSON.parse(new TextDecoder().decode(response.Payload)) : null;
  };
  return {
    call: (worker, payload) => invoke(worker, payload, "RequestResponse"),
    start: async (worker, payload) => { await invoke(worker, payload, "Event"); },
  };
}
