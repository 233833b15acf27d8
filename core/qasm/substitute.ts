// Helpers shared by the OpenQASM readers: formal-parameter substitution and parameter checks.
import { CoreError } from "../errors.ts";
import { binary, constantValue, type Expr, unary } from "../expr.ts";
import type { Token } from "./lexer.ts";

/** Formal gate parameters are symbols with this prefix until a call substitutes them. */
export const FORMAL = "\u0000";

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
