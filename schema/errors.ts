// Typed errors that mutations return inside their result unions (`... on Error { code message }`).
// Authentication and authorization failures are not here: they are top-level GraphQL errors
// with extensions.code UNAUTHENTICATED / FORBIDDEN and HTTP 401 / 403 (see builder.ts).
import { BudgetExceededError, CircuitError, InvalidInputError, NotFoundError, QuotaExceededError, type DomainError, type InputIssue } from "../services/index.ts";
import { builder } from "./builder.ts";

export const ErrorCodeEnum = builder.enumType("ErrorCode", {
  description: "Stable, machine-readable error codes.",
  values: {
    INVALID_INPUT: { description: "An argument broke a documented rule; see `issues`." },
    INVALID_CIRCUIT: { description: "A circuit could not be read, run, or fit in the limits; see `reason`, `line` and `column`." },
    NOT_FOUND: { description: "The object does not exist (or is not yours)." },
    BUDGET_EXCEEDED: { description: "The request's work budget cannot pay for this field's work; see BudgetError." },
    QUOTA_EXCEEDED: { description: "A per-user quota would be passed; see QuotaError." },
  } as const,
});

export const ErrorInterface = builder.interfaceRef<DomainError>("Error").implement({
  description: "Implemented by every typed error a mutation can return.",
  fields: (t) => ({
    message: t.exposeString("message", { description: "What went wrong and what to change, for people." }),
    code: t.field({ type: ErrorCodeEnum, resolve: (error) => error.code as "INVALID_INPUT" | "INVALID_CIRCUIT" | "NOT_FOUND" | "BUDGET_EXCEEDED" | "QUOTA_EXCEEDED" }),
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
    issues: t.field({ type: [InputIssueRef], description: "The problems: all of them, or the first few of `totalIssues`.", resolve: (error) => error.issues }),
    totalIssues: t.exposeInt("total", { description: "How many problems there are in all (a CSV with many bad rows lists the first 20)." }),
  }),
});

builder.objectType(BudgetExceededError, {
  name: "BudgetError",
  description:
    "All the work of one request (simulations, predictions, explanations, drawings, training bursts; every alias counts) " +
    "shares one budget, and this field's work did not fit in what was left. Nothing was done for this field.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof BudgetExceededError,
  fields: (t) => ({
    what: t.exposeString("what", { description: "The work that was refused." }),
    path: t.exposeStringList("path"),
    needed: t.exposeFloat("needed", { description: "Its estimated cost, in work units (about a nanosecond of one core each)." }),
    remaining: t.exposeFloat("remaining", { description: "What was left of the request's budget." }),
    limit: t.exposeFloat("limit", { description: "The whole request's budget." }),
  }),
});

builder.objectType(QuotaExceededError, {
  name: "QuotaError",
  description: "A per-user quota (see `me.usage`) would be passed. Nothing was written; delete something first.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof QuotaExceededError,
  fields: (t) => ({
    quota: t.exposeString("quota", { description: "Its name: circuits, circuitBytes, models, datasets, modelVersions, predictions, predictionBytes, feedback." }),
    used: t.exposeFloat("used"),
    adding: t.exposeFloat("adding", { description: "What this call would have added." }),
    limit: t.exposeFloat("limit"),
  }),
});

builder.objectType(NotFoundError, {
  name: "NotFoundError",
  description: "The object does not exist, or it is not yours to see.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof NotFoundError,
});

const CircuitErrorReasonEnum = builder.enumType("CircuitErrorReason", {
  description: "Why the engine refused a circuit.",
  values: {
    QASM_SYNTAX: { description: "The OpenQASM text is not well formed (an unexpected token)." },
    QASM_SEMANTIC: { description: "Well formed, but wrong: an undeclared register, a wrong argument count, an index out of range, ..." },
    QASM_UNSUPPORTED: { description: "A language feature Superpose does not run (e.g. `opaque`, OpenQASM 3 loops); the message names it." },
    UNKNOWN_GATE: { description: "A gate that is neither standard nor defined in the program." },
    CIRCUIT_INVALID: { description: "An operation does not fit the circuit." },
    NOT_UNITARY: { description: "A custom gate's matrix is not unitary." },
    UNBOUND_PARAMETER: { description: "A symbolic parameter has no value." },
    LIMIT_EXCEEDED: { description: "Qubits, operations or simulation work beyond the documented limits." },
    OBSERVABLE_SYNTAX: { description: "An observable is not a Pauli sum like \"0.5*Z0 Z1 + X2\"." },
  } as const,
});

builder.objectType(CircuitError, {
  name: "CircuitError",
  description: "A circuit could not be read, run, or fit in the limits. Nothing was changed.",
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof CircuitError,
  fields: (t) => ({
    reason: t.field({ type: CircuitErrorReasonEnum, resolve: (error) => error.reason }),
    detail: t.exposeString("detail", { description: "The engine's explanation: the offending token and what was expected." }),
    path: t.exposeStringList("path", { description: "The argument the circuit came from, e.g. [\"input\", \"qasm\"]." }),
    line: t.exposeInt("line", { nullable: true, description: "1-based line in the OpenQASM source, when the error has a place." }),
    column: t.exposeInt("column", { nullable: true, description: "1-based column in the OpenQASM source." }),
  }),
});
