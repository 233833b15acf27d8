// Errors that services raise on purpose. Each has a stable code and a message that tells the
// caller what to change; the GraphQL layer maps them to typed errors.

export type ErrorCode = "INVALID_INPUT" | "NOT_FOUND" | "UNAUTHENTICATED" | "FORBIDDEN";

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
  constructor(readonly issues: InputIssue[]) {
    super(
      issues.length === 1
        ? `Invalid input at ${formatPath(issues[0]!.path)}: ${issues[0]!.message}`
        : `Invalid input: ${issues.length} problems (${issues.map((i) => formatPath(i.path)).join(", ")})`,
    );
    this.name = "InvalidInputError";
  }
}

export class NotFoundError extends DomainError {
  readonly code = "NOT_FOUND";
  constructor(what: string, id: string) {
    super(`${what} ${id} was not found`);
    this.name = "NotFoundError";
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
