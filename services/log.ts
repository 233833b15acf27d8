// The structured logger (pino, JSON lines) shared by the services and the GraphQL server. Its level
// comes from LOG_LEVEL (info by default; "silent" turns it off). Nothing secret is ever logged:
// no API keys, no request arguments; users appear as pseudonyms.
import { createHash, randomUUID } from "node:crypto";
import { pino, type Logger } from "pino";
import { sourceMappedStack } from "./source-mapped-stack.ts";

export type { Logger } from "pino";

export function createLogger(level: string = process.env.LOG_LEVEL || "info"): Logger {
  return pino({ level, base: { service: "superpose" }, timestamp: pino.stdTimeFunctions.isoTime, serializers: { err: serializeError } });
}

/** pino's error serializer, with the stack pointing into our sources rather than the bundle's chunks. */
export function serializeError(error: Error): ReturnType<typeof pino.stdSerializers.err> {
  const serialized = pino.stdSerializers.err(error);
  if (typeof serialized?.stack === "string") serialized.stack = sourceMappedStack(serialized.stack);
  return serialized;
}

/** The process's logger. */
export const logger: Logger = createLogger();

/** A stable pseudonym for a user id: lets one follow a user's requests without naming them. */
export function pseudonym(userId: string): string {
  return createHash("sha256").update(userId).digest("hex").slice(0, 16);
}

/**
 * A failure that is not the user's to fix (a database or network fault, a bug): logged with its
 * stack and a short reference, and described to the user by that reference alone, without internals.
 */
export function internalFailure(error: unknown, context: Record<string, string>, stopped: string, advice: string): string {
  const reference = randomUUID().slice(0, 8);
  logger.error({ err: error, ...context, reference }, `${stopped}: internal error`);
  return `${stopped} because of an internal error (reference ${reference}); ${advice}`;
}
