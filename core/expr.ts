// Gate parameters: a number, or an expression over named symbols bound at run time
// (`theta`, `2*x0 + pi/4`, `(pi - x0)*(pi - x1)` for feature maps). Expressions evaluate,
// differentiate symbolically (for gradients through the chain rule), print, and compile to closures.

export type UnaryOp = "neg" | "sin" | "cos" | "tan" | "exp" | "ln" | "sqrt" | "asin" | "acos" | "atan";
export type BinaryOp = "+" | "-" | "*" | "/" | "^";

export type Expr =
  | { readonly kind: "const"; readonly value: number }
  | { readonly kind: "symbol"; readonly name: string }
  | { readonly kind: "unary"; readonly op: UnaryOp; readonly arg: Expr }
  | { readonly kind: "binary"; readonly op: BinaryOp; readonly left: Expr; readonly right: Expr };

/** A gate parameter: a plain number or a symbolic expression. */
export type Param = number | Expr;

export const constant = (value: number): Expr => ({ kind: "const", value });
export const symbol = (name: string): Expr => ({ kind: "symbol", name });
export const unary = (op: UnaryOp, arg: Expr): Expr => simplifyUnary(op, arg);
export const binary = (op: BinaryOp, left: Expr, right: Expr): Expr => simplifyBinary(op, left, right);

export function toExpr(param: Param): Expr {
  return typeof param === "number" ? constant(param) : param;
}

/** The parameter as a number if it has no symbols, else undefined. */
export function constantValue(param: Param): number | undefined {
  if (typeof param === "number") return param;
  return param.kind === "const" ? param.value : symbolsOf(param).size === 0 ? evaluate(param, {}) : undefined;
}

export function symbolsOf(param: Param, into = new Set<string>()): Set<string> {
  if (typeof param === "number") return into;
  switch (param.kind) {
    case "symbol": into.add(param.name); break;
    case "unary": symbolsOf(param.arg, into); break;
    case "binary": symbolsOf(param.left, into); symbolsOf(param.right, into); break;
  }
  return into;
}

const UNARY: Record<UnaryOp, (x: number) => number> = {
  neg: (x) => -x, sin: Math.sin, cos: Math.cos, tan: Math.tan, exp: Math.exp, ln: Math.log, sqrt: Math.sqrt,
  asin: Math.asin, acos: Math.acos, atan: Math.atan,
};
const BINARY: Record<BinaryOp, (a: number, b: number) => number> = {
  "+": (a, b) => a + b, "-": (a, b) => a - b, "*": (a, b) => a * b, "/": (a, b) => a / b, "^": (a, b) => a ** b,
};

/** Evaluates with the given symbol values; throws (via `missing`) for an unbound symbol. */
export function evaluate(param: Param, values: Readonly<Record<string, number>>, missing?: (name: string) => never): number {
  if (typeof param === "number") return param;
  switch (param.kind) {
    case "const": return param.value;
    case "symbol": {
      const value = values[param.name];
      if (value === undefined) {
        if (missing) missing(param.name);
        throw new Error(`unbound symbol ${param.name}`);
      }
      return value;
    }
    case "unary": return UNARY[param.op](evaluate(param.arg, values, missing));
    case "binary": return BINARY[param.op](evaluate(param.left, values, missing), evaluate(param.right, values, missing));
  }
}

/** Compiles to a closure reading symbol values by index (index from `indexOf`). */
export function compileExpr(param: Param, indexOf: (name: string) => number): (values: Float64Array) => number {
  if (typeof param === "number") return () => param;
  switch (param.kind) {
    case "const": { const v = param.value; return () => v; }
    case "symbol": { const i = indexOf(param.name); return (values) => values[i]!; }
    case "unary": { const f = UNARY[param.op]; const a = compileExpr(param.arg, indexOf); return (v) => f(a(v)); }
    case "binary": {
      const l = compileExpr(param.left, indexOf);
      const r = compileExpr(param.right, indexOf);
      switch (param.op) {
        case "+": return (v) => l(v) + r(v);
        case "-": return (v) => l(v) - r(v);
        case "*": return (v) => l(v) * r(v);
        case "/": return (v) => l(v) / r(v);
        case "^": return (v) => l(v) ** r(v);
      }
    }
  }
}

/** d(param)/d(name), symbolically, lightly simplified. */
export function derivative(param: Param, name: string): Expr {
  if (typeof param === "number") return constant(0);
  switch (param.kind) {
    case "const": return constant(0);
    case "symbol": return constant(param.name === name ? 1 : 0);
    case "unary": {
      const a = param.arg;
      const da = derivative(a, name);
      if (isZero(da)) return constant(0);
      const outer: Expr = {
        neg: constant(-1),
        sin: unary("cos", a),
        cos: unary("neg", unary("sin", a)),
        tan: binary("/", constant(1), binary("^", unary("cos", a), constant(2))),
        exp: unary("exp", a),
        ln: binary("/", constant(1), a),
        sqrt: binary("/", constant(0.5), unary("sqrt", a)),
        asin: binary("/", constant(1), unary("sqrt", binary("-", constant(1), binary("^", a, constant(2))))),
        acos: binary("/", constant(-1), unary("sqrt", binary("-", constant(1), binary("^", a, constant(2))))),
        atan: binary("/", constant(1), binary("+", constant(1), binary("^", a, constant(2)))),
      }[param.op];
      return binary("*", outer, da);
    }
    case "binary": {
      const { left: f, right: g } = param;
      const df = derivative(f, name);
      const dg = derivative(g, name);
      switch (param.op) {
        case "+": return binary("+", df, dg);
        case "-": return binary("-", df, dg);
        case "*": return binary("+", binary("*", df, g), binary("*", f, dg));
        case "/": return binary("/", binary("-", binary("*", df, g), binary("*", f, dg)), binary("^", g, constant(2)));
        case "^": {
          // d(f^g) = g f^(g-1) df + f^g ln(f) dg
          const powerPart = binary("*", binary("*", g, binary("^", f, binary("-", g, constant(1)))), df);
          if (isZero(dg)) return powerPart;
          return binary("+", powerPart, binary("*", binary("*", param, unary("ln", f)), dg));
        }
      }
    }
  }
}

const PRECEDENCE: Record<BinaryOp, number> = { "+": 1, "-": 1, "*": 2, "/": 2, "^": 3 };

/**
 * OpenQASM-compatible text: `pi/2`, `2*theta`, `sin(x)`. Numbers that are simple multiples of π
 * print as such; others with 17 significant digits (exact round trip). OpenQASM 3 writes powers
 * as `**` (there `^` is XOR).
 */
export function formatParam(param: Param, precision = 17, power: "^" | "**" = "^"): string {
  if (typeof param === "number") return formatNumber(param, precision);
  switch (param.kind) {
    case "const": return formatNumber(param.value, precision);
    case "symbol": return param.name;
    case "unary": return param.op === "neg" ? `-${wrap(param.arg, 4, precision, power)}` : `${param.op}(${formatParam(param.arg, precision, power)})`;
    case "binary": {
      const p = PRECEDENCE[param.op];
      // right operand of - and / (and left of ^) needs parentheses at equal precedence
      const left = wrap(param.left, param.op === "^" ? p + 1 : p, precision, power);
      const right = wrap(param.right, param.op === "-" || param.op === "/" ? p + 1 : p, precision, power);
      const op = param.op === "^" ? power : param.op;
      return `${left}${op === "+" || op === "-" ? ` ${op} ` : op}${right}`;
    }
  }
}

function wrap(expr: Expr, minPrecedence: number, precision: number, power: "^" | "**"): string {
  const text = formatParam(expr, precision, power);
  const own = expr.kind === "binary" ? PRECEDENCE[expr.op] : expr.kind === "const" && expr.value < 0 ? 0 : 5;
  return own < minPrecedence ? `(${text})` : text;
}

/** Shortest faithful text for a number: `pi/2`, `-3*pi/4`, `0.1`, or 17 significant digits. */
export function formatNumber(value: number, precision = 17): string {
  if (Number.isInteger(value)) return String(value);
  for (const denominator of [1, 2, 3, 4, 6, 8, 12, 16, 32, 64]) {
    const numerator = (value * denominator) / Math.PI;
    const rounded = Math.round(numerator);
    if (rounded !== 0 && Math.abs(numerator - rounded) < 1e-12 && Math.abs(rounded) <= 64) {
      const sign = rounded < 0 ? "-" : "";
      const n = Math.abs(rounded);
      return `${sign}${n === 1 ? "" : `${n}*`}pi${denominator === 1 ? "" : `/${denominator}`}`;
    }
  }
  return String(Number(value.toPrecision(precision)));
}

function isZero(expr: Expr): boolean {
  return expr.kind === "const" && expr.value === 0;
}

function simplifyUnary(op: UnaryOp, arg: Expr): Expr {
  if (arg.kind === "const") return constant(UNARY[op](arg.value));
  if (op === "neg" && arg.kind === "unary" && arg.op === "neg") return arg.arg;
  return { kind: "unary", op, arg };
}

function simplifyBinary(op: BinaryOp, left: Expr, right: Expr): Expr {
  if (left.kind === "const" && right.kind === "const") return constant(BINARY[op](left.value, right.value));
  const l = left.kind === "const" ? left.value : undefined;
  const r = right.kind === "const" ? right.value : undefined;
  switch (op) {
    case "+": if (l === 0) return right; if (r === 0) return left; break;
    case "-": if (r === 0) return left; if (l === 0) return simplifyUnary("neg", right); break;
    case "*":
      if (l === 0 || r === 0) return constant(0);
      if (l === 1) return right;
      if (r === 1) return left;
      break;
    case "/": if (r === 1) return left; if (l === 0) return constant(0); break;
    case "^": if (r === 1) return left; if (r === 0) return constant(1); break;
  }
  return { kind: "binary", op, left, right };
}
