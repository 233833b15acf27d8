// One structured JSON line per request (pino): operation, a pseudonymous user id, HTTP status,
// duration, static cost, work spent and the error codes returned. No arguments, no keys, no
// stack traces for client errors: internal errors are logged once, by the error mask.
import type { DefinitionNode, ExecutionResult } from "graphql";
import type { Plugin } from "graphql-yoga";
import { pseudonym, type Logger } from "../../services/index.ts";
import type { Context } from "../context.ts";

interface RequestRecord {
  started: number;
  operation?: string;
  context?: Context & { queryCost?: number };
  errorCodes?: string[];
}

export function useRequestLog(logger: Logger): Plugin<Context> {
  const requests = new WeakMap<Request, RequestRecord>();
  return {
    onRequest({ request }) {
      requests.set(request, { started: performance.now() });
    },
    onExecute({ args }) {
      const record = requests.get(args.contextValue.request);
      if (!record) return;
      const operation = args.document.definitions.find((d: DefinitionNode) => d.kind === "OperationDefinition" && (!args.operationName || d.name?.value === args.operationName));
      record.operation = args.operationName ?? (operation?.kind === "OperationDefinition" ? (operation.name?.value ?? `anonymous ${operation.operation}`) : undefined);
      record.context = args.contextValue;
    },
    onResultProcess({ request, result }) {
      const record = requests.get(request);
      if (!record || Symbol.asyncIterator in Object(result)) return;
      const results = (Array.isArray(result) ? result : [result]) as ExecutionResult[];
      const codes = results.flatMap((r) => (r.errors ?? []).map((e) => String(e.extensions?.code ?? "GRAPHQL_ERROR")));
      if (codes.length) record.errorCodes = [...new Set(codes)];
    },
    onResponse({ request, response }) {
      const record = requests.get(request);
      if (!record) return;
      const viewer = record.context?.viewer;
      logger.info(
        {
          operation: record.operation ?? null,
          user: viewer ? pseudonym(viewer.id) : null,
          status: response.status,
          durationMs: Math.round((performance.now() - record.started) * 10) / 10,
          cost: record.context?.queryCost ?? null,
          work: record.context?.budget.spent ?? 0,
          ...(record.errorCodes ? { errors: record.errorCodes } : {}),
        },
        "request",
      );
    },
  };
}
