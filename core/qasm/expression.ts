// Parameter expressions of OpenQASM: numbers, pi (π, tau, euler in QASM 3), names, unary minus,
// + − * / and ^ (or ** in QASM 3, right-associative), and sin cos tan exp ln sqrt (asin acos atan).
import { CoreError } from "../errors.ts";
import { binary, constant, type Expr, unary, type UnaryOp } from "../expr.ts";
import type { TokenStream } from "./lexer.ts";

const FUNCTIONS = new Set<UnaryOp>(["sin", "cos", "tan", "exp", "ln", "sqrt", "asin", "acos", "atan", "neg"]);
const CONSTANTS: Record<string, number> = { pi: Math.PI, π: Math.PI, tau: 2 * Math.PI, euler: Math.E };
/** Deeper nesting is refused: it is never meant, and would exhaust the stack. */
export const MAX_EXPRESSION_DEPTH = 100;

/** Resolves a bare name: a gate parameter, an input, or nothing (then it is an error). */
export type NameResolver = (name: string) => Expr | undefined;

export function parseExpression(tokens: TokenStream, resolve: NameResolver, depth = 0): Expr {
  return parseAdditive(tokens, resolve, depth);
}

/** An optional parenthesised, comma-separated list of expressions: `(a, b)`, `()` or nothing. */
export function parseParameterList(tokens: TokenStream, resolve: NameResolver): Expr[] {
  const params: Expr[] = [];
  if (tokens.accept("(")) {
    if (!tokens.is(")")) {
      do params.push(parseExpression(tokens, resolve));
      while (tokens.accept(","));
    }
    tokens.expect(")", "to close the parameter list");
  }
  return params;
}

function guard(tokens: TokenStream, depth: number) {
  if (depth > MAX_EXPRESSION_DEPTH) throw new CoreError("QASM_SYNTAX", `expression nested deeper than ${MAX_EXPRESSION_DEPTH} levels`, tokens.peek().line, tokens.peek().column);
}

function parseAdditive(tokens: TokenStream, resolve: NameResolver, depth: number): Expr {
  guard(tokens, depth);
  let left = parseMultiplicative(tokens, resolve, depth + 1);
  while (tokens.is("+") || tokens.is("-")) {
    const op = tokens.next().text as "+" | "-";
    left = binary(op, left, parseMultiplicative(tokens, resolve, depth + 1));
  }
  return left;
}

function parseMultiplicative(tokens: TokenStream, resolve: NameResolver, depth: number): Expr {
  guard(tokens, depth);
  let left = parseUnary(tokens, resolve, depth + 1);
  while (tokens.is("*") || tokens.is("/")) {
    const op = tokens.next().text as "*" | "/";
    left = binary(op, left, parseUnary(tokens, resolve, depth + 1));
  }
  return left;
}

function parseUnary(tokens: TokenStream, resolve: NameResolver, depth: number): Expr {
  guard(tokens, depth);
  if (tokens.accept("-")) return unary("neg", parseUnary(tokens, resolve, depth + 1));
  if (tokens.accept("+")) return parseUnary(tokens, resolve, depth + 1);
  return parsePower(tokens, resolve, depth + 1);
}

function parsePower(tokens: TokenStream, resolve: NameResolver, depth: number): Expr {
  guard(tokens, depth);
  const base = parsePrimary(tokens, resolve, depth + 1);
  if (tokens.is("^") || tokens.is("**")) {
    tokens.next();
    return binary("^", base, parseUnary(tokens, resolve, depth + 1)); // right-associative
  }
  return base;
}

function parsePrimary(tokens: TokenStream, resolve: NameResolver, depth: number): Expr {
  guard(tokens, depth);
  const token = tokens.peek();
  if (token.kind === "integer" || token.kind === "real") {
    tokens.next();
    return constant(Number(token.text));
  }
  if (tokens.accept("(")) {
    const inner = parseAdditive(tokens, resolve, depth + 1);
    tokens.expect(")", "to close '('");
    return inner;
  }
  if (token.kind === "identifier") {
    tokens.next();
    const name = token.text;
    if (FUNCTIONS.has(name as UnaryOp) && tokens.is("(")) {
      tokens.next();
      const arg = parseAdditive(tokens, resolve, depth + 1);
      tokens.expect(")", `to close ${name}(`);
      return unary(name as UnaryOp, arg);
    }
    const bound = resolve(name);
    if (bound) return bound;
    if (name in CONSTANTS) return constant(CONSTANTS[name]!);
    throw new CoreError("QASM_SEMANTIC", `unknown name '${name}' in expression (expected a number, pi, a parameter or a function like sin(...))`, token.line, token.column);
  }
  throw tokens.error("expected an expression");
}

