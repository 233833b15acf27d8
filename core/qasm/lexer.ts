// Tokens of OpenQASM source with their 1-based line and column, for error messages.
import { CoreError } from "../errors.ts";

export type TokenKind = "identifier" | "integer" | "real" | "string" | "symbol" | "eof";

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

const SYMBOLS = ["->", "==", "**", "+", "-", "*", "/", "^", "(", ")", "[", "]", "{", "}", ";", ",", "@", "=", ":", "!", "#"];

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0, line = 1, column = 1;
  const advance = (n: number) => {
    for (let k = 0; k < n; k++) {
      if (source[i] === "\n") { line++; column = 1; } else column++;
      i++;
    }
  };
  while (i < source.length) {
    const c = source[i]!;
    if (c === " " || c === "\t" || c === "\r" || c === "\n") { advance(1); continue; }
    if (source.startsWith("//", i)) {
      while (i < source.length && source[i] !== "\n") advance(1);
      continue;
    }
    if (source.startsWith("/*", i)) {
      const end = source.indexOf("*/", i + 2);
      if (end < 0) throw new CoreError("QASM_SYNTAX", "unterminated comment: expected '*/'", line, column);
      advance(end + 2 - i);
      continue;
    }
    const start = { line, column };
    const push = (kind: TokenKind, text: string) => {
      tokens.push({ kind, text, ...start });
      advance(text.length);
    };
    const number = /^(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?/.exec(source.slice(i, i + 64));
    if (number) {
      push(number[1]!.includes(".") || number[2] ? "real" : "integer", number[0]);
      continue;
    }
    const identifier = /^([A-Za-z_][A-Za-z0-9_]*|\$\d+)/.exec(source.slice(i, i + 256));
    if (identifier) {
      if (identifier[0].length === 256) throw new CoreError("QASM_SYNTAX", "identifier longer than 255 characters", line, column);
      push("identifier", identifier[0]);
      continue;
    }
    if (c === '"') {
      const end = source.indexOf('"', i + 1);
      const newline = source.indexOf("\n", i + 1);
      if (end < 0 || (newline >= 0 && newline < end)) throw new CoreError("QASM_SYNTAX", "unterminated string: expected '\"'", line, column);
      push("string", source.slice(i, end + 1));
      continue;
    }
    const symbol = SYMBOLS.find((s) => source.startsWith(s, i));
    if (symbol) {
      push("symbol", symbol);
      continue;
    }
    throw new CoreError("QASM_SYNTAX", `unexpected character ${JSON.stringify(c)}`, line, column);
  }
  tokens.push({ kind: "eof", text: "end of input", line, column });
  return tokens;
}

/** A cursor over tokens with the expectations every parser needs. */
export class TokenStream {
  private index = 0;
  constructor(private readonly tokens: readonly Token[]) {}

  peek(offset = 0): Token {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
  }

  next(): Token {
    const token = this.peek();
    if (this.index < this.tokens.length - 1) this.index++;
    return token;
  }

  is(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return (t.kind === "symbol" || t.kind === "identifier") && t.text === text;
  }

  accept(text: string): boolean {
    if (!this.is(text)) return false;
    this.next();
    return true;
  }

  expect(text: string, context?: string): Token {
    if (!this.is(text)) throw this.error(`expected '${text}'${context ? ` ${context}` : ""}`);
    return this.next();
  }

  expectKind(kind: TokenKind, what: string): Token {
    if (this.peek().kind !== kind) throw this.error(`expected ${what}`);
    return this.next();
  }

  /** A syntax error at the current token, naming what was found. */
  error(message: string, token = this.peek(), code: "QASM_SYNTAX" | "QASM_SEMANTIC" | "QASM_UNSUPPORTED" = "QASM_SYNTAX"): CoreError {
    const found = token.kind === "eof" ? "end of input" : `'${token.text}'`;
    return new CoreError(code, `${message}, found ${found}`, token.line, token.column);
  }
}
