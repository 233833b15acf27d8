// Helpers shared by the OpenQASM readers: formal-parameter substitution and parameter checks.
import { CoreError } from "../errors.ts";
import { binary, constantValue, type Expr, unary } from "../expr.ts";
import type { Token } from "./lexer.ts";

/** Formal gate parameters are symbols with this prefix until a call substitutes them. */
export const FORMAL = "\u0000";

/** Most nodes a parameter expression may have once nested gate calls have substituted into it. */
export const MAX_EXPRESSION_NODES = 10_000;

/**
 * Substitutes a call's arguments into a gate body's parameter and refuses the result when it
 * grows past MAX_EXPRESSION_NODES: nested calls like `g(a+a)` double a symbolic expression at
 * every level, and evaluating it would take exponential time.
 */
export function substituteCall(expr: Expr, bindings: ReadonlyMap<string, Expr>, token: Token): Expr {
  const result = substitute(expr, bindings);
  if (exceedsNodes(result, MAX_EXPRESSION_NODES)) {
    throw new CoreError("LIMIT_EXCEEDED", `a parameter of '${token.text}' grows past ${MAX_EXPRESSION_NODES} terms through nested gate calls`, token.line, token.column);
  }
  return result;
}

/** Whether the expression tree has more than `cap` nodes (counted with shared subtrees repeated; stops at cap). */
function exceedsNodes(expr: Expr, cap: number): boolean {
  const stack: Expr[] = [expr];
  let count = 0;
  while (stack.length) {
    const node = stack.pop()!;
    if (++count > cap) return true;
    if (node.kind === "unary") stack.push(node.arg);
    else if (node.kind === "binary") stack.push(node.left, node.right);
  }
  return false;
}

/** Replaces formal-parameter symbols by the expressions a call passes. */
export function substitute(expr: Expr, bindings: ReadonlyMap<string, Expr>): Expr {
  switch (expr.kind) {
    case "const": return expr;
    case "symbol": return bindings.get(expr.name) ?? expr;
    case "unary": return unary(expr.op, substitute(expr.arg, bindings));
    case "binary": return binary(expr.op, substitute(expr.left, bindings), substitute(expr.right, bindings));
  }
}

/** Refuses a parameter that evaluates to ±Infinity or NaN (1e999, 0/0, ln(0)). */
export function checkFinite(params: readonly Expr[], token: Token): void {
  for (const p of params) {
    const value = constantValue(p);
    if (value !== undefined && !Number.isFinite(value)) {
      throw new CoreError("QASM_SEMANTIC", `parameter of '${token.text}' is not a finite number (${value})`, token.line, token.column);
    }
  }
}
