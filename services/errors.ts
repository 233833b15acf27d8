// Errors that services raise on purpose. Each has a stable code and a message that tells the
// caller what to change; the GraphQL layer maps them to typed errors.
import type { CoreError, CoreErrorCode } from "../core/index.ts";

export type ErrorCode = "INVALID_INPUT" | "INVALID_CIRCUIT" | "NOT_FOUND" | "BUDGET_EXCEEDED" | "QUOTA_EXCEEDED" | "RATE_LIMITED" | "UNAUTHENTICATED" | "FORBIDDEN" | "UNAVAILABLE";

export abstract class DomainError extends Error {
  abstract readonly code: ErrorCode;
}

/** One problem with one input value: where it is (path from the argument root) and what is wrong. */
export interface InputIssue {
  path: string[];
  message: string;
}

export class InvalidInputError extends DomainError {
  readonly code = "INVALID_INPUT";
  /** `issues` may be the first few of `total` problems (a CSV with thousands of bad rows). */
  constructor(
    readonly issues: InputIssue[],
    readonly total: number = issues.length,
  ) {
    super(
      total === 1
        ? `Invalid input at ${formatPath(issues[0]!.path)}: ${issues[0]!.message}`
        : total > issues.length
          ? `Invalid input: ${total} problems, the first ${issues.length} listed (${issues.map((i) => formatPath(i.path)).join(", ")})`
          : `Invalid input: ${issues.length} problems (${issues.map((i) => formatPath(i.path)).join(", ")})`,
    );
    this.name = "InvalidInputError";
  }
}

/** Why a circuit was refused: the engine's error code (see core/errors.ts). */
export type CircuitErrorReason = CoreErrorCode;

/**
 * A circuit that cannot be read, run or fit in the limits: the engine's reason, where in the
 * request it came from, and (for OpenQASM) the 1-based line and column of the offending token.
 */
export class CircuitError extends DomainError {
  readonly code = "INVALID_CIRCUIT";
  constructor(
    readonly reason: CircuitErrorReason,
    readonly detail: string,
    readonly path: string[],
    readonly line: number | null = null,
    readonly column: number | null = null,
  ) {
    super(`Invalid circuit at ${formatPath(path)}${line === null ? "" : ` (line ${line}, column ${column})`}: ${detail}`);
    this.name = "CircuitError";
  }

  static fromCore(error: CoreError, path: string[]): CircuitError {
    const detail = error.message.replace(/^[A-Z_]+(?: at \d+:\d+)?: /, "");
    return new CircuitError(error.code, detail, path, error.line ?? null, error.column ?? null);
  }
}

export class NotFoundError extends DomainError {
  readonly code = "NOT_FOUND";
  constructor(what: string, id: string) {
    super(`${what} ${id} was not found`);
    this.name = "NotFoundError";
  }
}

/**
 * The request's work budget (limits.request.maxWork) cannot pay for this piece of work: what it
 * was, where, what it needed and what was left. Nothing was done.
 */
export class BudgetExceededError extends DomainError {
  readonly code = "BUDGET_EXCEEDED";
  constructor(
    readonly what: string,
    readonly path: string[],
    readonly needed: number,
    readonly remaining: number,
    readonly limit: number,
  ) {
    super(
      `The request's work budget cannot pay for ${what} at ${formatPath(path)}: it needs about ${needed.toExponential(2)} units, ` +
        `${remaining.toExponential(2)} of ${limit.toExponential(2)} are left. Ask for less in one request (fewer aliases, rows or shots), or split it into several requests.`,
    );
    this.name = "BudgetExceededError";
  }
}

/** A per-user quota would be passed: which one, what is used, what was asked for. Nothing was written. */
export class QuotaExceededError extends DomainError {
  readonly code = "QUOTA_EXCEEDED";
  constructor(
    readonly quota: string,
    readonly used: number,
    readonly adding: number,
    readonly limit: number,
    unit: string,
  ) {
    super(`Quota ${quota}: you have ${used} ${unit}, the most allowed is ${limit}${adding > 1 ? ` (this would add ${adding})` : ""}; delete some first`);
    this.name = "QuotaExceededError";
  }
}

/** Too many requests from one key or address in the current window; retry after `retryAfterSeconds`. */
export class RateLimitedError extends DomainError {
  readonly code = "RATE_LIMITED";
  constructor(readonly limitName: string, readonly retryAfterSeconds: number, message: string) {
    super(message);
    this.name = "RateLimitedError";
  }
}

/**
 * The database has no connection for this request now (every connection busy, or unreachable):
 * answered 503 with Retry-After. A transaction it interrupted was rolled back.
 */
export class DatabaseUnavailableError extends DomainError {
  readonly code = "UNAVAILABLE";
  constructor(readonly retryAfterSeconds: number) {
    super(
      `The database has no free connection for this request right now. Retry after ${retryAfterSeconds} s ` +
        "(give mutations an idempotencyKey, and a retry never does their work twice).",
    );
    this.name = "DatabaseUnavailableError";
  }
}

/**
 * Why a training job failed, in words for its owner (stored in TrainingJob.error). Failures
 * that are not the user's to fix are stored as a generic message with a log reference instead.
 */
export class JobFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JobFailure";
  }
}

export class UnauthenticatedError extends DomainError {
  readonly code = "UNAUTHENTICATED";
  constructor(message: string) {
    super(message);
    this.name = "UnauthenticatedError";
  }
}

export class ForbiddenError extends DomainError {
  readonly code = "FORBIDDEN";
  constructor(message: string) {
    super(message);
    this.name = "ForbiddenError";
  }
}

function formatPath(path: string[]): string {
  return path.length ? path.join(".") : "(root)";
}
