// Typed errors that mutations return inside their result unions (`... on Error { code message }`).
// Authentication and authorization failures are not here: they are top-level GraphQL errors
// with extensions.code UNAUTHENTICATED / FORBIDDEN and HTTP 401 / 403 (see builder.ts).
import { InvalidInputError, NotFoundError, type DomainError, type InputIssue } from "../services/index.ts";
import { builder } from "./builder.ts";

export const ErrorCodeEnum = builder.enumType("ErrorCode", {
  description: "Stable, machine-readable error codes.",
  values: {
    INVALID_INPUT: { description: "An argument broke a documented rule; see `issues`." },
    NOT_FOUND: { description: "The object does not exist (or is not yours)." },
  } as const,
});

export const ErrorInterface = builder.interfaceRef<DomainError>("Error").implement({
  description: "Implemented by every typed error a mutation can return.",
  fields: (t) => ({
    message: t.exposeString("message", { description: "What went wrong and what to change, for people." }),
    code: t.field({ type: ErrorCodeEnum, resolve: (error) => error.code as "INVALID_INPUT" | "NOT_FOUND" }),
  }),
});

const InputIssueRef = builder.objectRef<InputIssue>("InputIssue").implement({
  description: "One problem with one input value.",
  fields: (t) => ({
    path: t.exposeStringList("path", { description: "Where the value is, from the argument down, e.g. [\"input\", \"displayName\"]." }),
    message: t.exposeString("message", { description: "What is wrong and what is allowed." }),
  }),
});

builder.objectType(InvalidInputError, {
  name: "ValidationError",
  description: "One or more arguments broke a documented rule. Nothing was changed.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof InvalidInputError,
  fields: (t) => ({
    issues: t.field({ type: [InputIssueRef], resolve: (error) => error.issues }),
  }),
});

builder.objectType(NotFoundError, {
  name: "NotFoundError",
  description: "The object does not exist, or it is not yours to see.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
});
