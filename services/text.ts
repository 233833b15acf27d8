// Text hygiene, for every string a user sends: no control characters (they break logs, terminals
// and PostgreSQL, which refuses NUL), well-formed Unicode (a lone surrogate cannot be stored as
// UTF-8), and names bounded in characters (Unicode code points) and in UTF-8 bytes alike.
import * as z from "zod";
import { limits } from "../config/index.ts";

/** C0 controls and DEL; multi-line texts (OpenQASM, CSV) may keep tab, line feed and carriage return. */
/* eslint-disable no-control-regex -- matching control characters is the point */
const SINGLE_LINE_FORBIDDEN = /[\u0000-\u001f\u007f]/;
const MULTI_LINE_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
/* eslint-enable no-control-regex */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a string may not be stored, or null when it may. */
export function textProblem(text: string, multiline: boolean): string | null {
  const forbidden = (multiline ? MULTI_LINE_FORBIDDEN : SINGLE_LINE_FORBIDDEN).exec(text);
  if (forbidden) {
    const code = forbidden[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
    const allowed = multiline ? " (tab and line breaks are allowed)" : "";
    return `must not contain control characters: found U+${code} at character ${codePointIndex(text, forbidden.index)}${allowed}`;
  }
  if (LONE_SURROGATE.test(text)) return "must be well-formed Unicode text (it has a lone UTF-16 surrogate)";
  return null;
}

export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

function codePointIndex(text: string, utf16Index: number): number {
  return characterCount(text.slice(0, utf16Index)) + 1;
}

/** A trimmed single-line name of minChars–maxChars characters and at most maxBytes UTF-8 bytes. */
export function nameText(minChars: number, maxChars: number, maxBytes: number = limits.text.nameMaxBytes) {
  const range = `${minChars}–${maxChars} characters`;
  return z
    .string()
    .trim()
    .superRefine((text, ctx) => {
      const problem = textProblem(text, false);
      if (problem) ctx.addIssue({ code: "custom", message: problem, abort: true });
    })
    .refine((text) => characterCount(text) >= minChars, { error: minChars > 0 ? `must not be empty (${range})` : `must have at least ${minChars} characters` })
    .refine((text) => characterCount(text) <= maxChars, { error: `must be at most ${maxChars} characters` })
    .refine((text) => utf8Bytes(text) <= maxBytes, { error: `must be at most ${maxBytes} bytes of UTF-8` });
}
