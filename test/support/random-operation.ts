// Random GraphQL operations drawn from the schema itself, for the fuzzer: root fields with
// arguments that are mostly well-typed, sometimes hostile (control characters, huge numbers,
// deep or long lists, wrong types, made-up ids), selections of random fields down a few levels,
// fragments on union members, and now and then a document mangled at the character level.
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from "graphql";
import { Rng } from "../../core/index.ts";

export interface RandomOperation {
  query: string;
  variables: Record<string, unknown>;
}

/** Root fields left out: they would end the fuzzing user's account or key. */
const SKIPPED_ROOT_FIELDS = new Set(["deleteMe", "revokeApiKey"]);

const HOSTILE_STRINGS = ["", "\u0000", "a\u0007b", "\ud800", "🜁".repeat(200), "x".repeat(5_000), "'; DROP TABLE \"User\"; --", "OPENQASM 2.0; qreg q[30]; h q;", "{\"a\":1}"];

export class OperationGenerator {
  constructor(private readonly schema: GraphQLSchema, private readonly ids: string[]) {}

  generate(seed: number): RandomOperation {
    const rng = new Rng(seed);
    const mutation = rng.nextFloat() < 0.35;
    const root = (mutation ? this.schema.getMutationType() : this.schema.getQueryType())!;
    const fields = Object.values(root.getFields()).filter((f) => !SKIPPED_ROOT_FIELDS.has(f.name));
    const variables: Record<string, unknown> = {};
    const declarations: string[] = [];
    const selections = Array.from({ length: 1 + rng.nextInt(3) }, (_, k) => {
      const field = fields[rng.nextInt(fields.length)]!;
      return `f${k}: ${field.name}${this.args(rng, field, variables, declarations)}${this.selection(rng, getNamedType(field.type), 0)}`;
    });
    const header = declarations.length ? `(${declarations.join(", ")})` : "";
    let query = `${mutation ? "mutation" : "query"} Fuzz${header} { ${selections.join(" ")} }`;
    if (rng.nextFloat() < 0.1) query = mangle(rng, query);
    return { query, variables };
  }

  private args(rng: Rng, field: GraphQLField<unknown, unknown>, variables: Record<string, unknown>, declarations: string[]): string {
    const parts: string[] = [];
    for (const arg of field.args) {
      if (!isNonNullType(arg.type) && rng.nextFloat() < 0.5) continue;
      if (rng.nextFloat() < 0.4) {
        // As a variable: a JSON value (sometimes of the wrong type) passed beside the document.
        const name = `v${declarations.length}`;
        declarations.push(`$${name}: ${String(arg.type)}`);
        variables[name] = this.value(rng, arg.type, 0);
        parts.push(`${arg.name}: $${name}`);
      } else {
        parts.push(`${arg.name}: ${literal(this.value(rng, arg.type, 0), arg.type)}`);
      }
    }
    return parts.length ? `(${parts.join(", ")})` : "";
  }

  /** A value for an input type: usually right, sometimes not. */
  private value(rng: Rng, type: GraphQLInputType, depth: number): unknown {
    if (rng.nextFloat() < 0.08) return this.hostile(rng, depth);
    if (isNonNullType(type)) return this.value(rng, type.ofType, depth);
    if (rng.nextFloat() < 0.05) return null;
    if (isListType(type)) return Array.from({ length: rng.nextInt(rng.nextFloat() < 0.1 ? 300 : 4) }, () => this.value(rng, type.ofType, depth + 1));
    if (isEnumType(type)) {
      const values = type.getValues();
      return { __enum: values[rng.nextInt(values.length)]!.name };
    }
    if (isInputObjectType(type)) {
      const out: Record<string, unknown> = {};
      for (const field of Object.values(type.getFields())) {
        if (isNonNullType(field.type) || rng.nextFloat() < 0.5) out[field.name] = depth > 4 ? null : this.value(rng, field.type, depth + 1);
      }
      return out;
    }
    return this.scalar(rng, type.name);
  }

  private scalar(rng: Rng, name: string): unknown {
    switch (name) {
      case "Int": return [0, 1, 2, 7, 100, -1, 2_147_483_647, 1_000_000][rng.nextInt(8)];
      case "Float": return [0, 0.5, -1, 3.14159, 1e6, 1e300, -1e-9][rng.nextInt(7)];
      case "Boolean": return rng.nextFloat() < 0.5;
      case "ID": return this.ids.length && rng.nextFloat() < 0.7 ? this.ids[rng.nextInt(this.ids.length)] : Buffer.from(`Model:${rng.nextUint32()}`).toString("base64");
      case "DateTime": return new Date(Date.UTC(2020 + rng.nextInt(20), rng.nextInt(12), 1)).toISOString();
      case "JSONObject": return { theme: "dark", n: rng.nextInt(10), nested: { list: [1, 2, { deep: true }] } };
      default: return rng.nextFloat() < 0.5 ? `text ${rng.nextUint32()}` : HOSTILE_STRINGS[rng.nextInt(HOSTILE_STRINGS.length)];
    }
  }

  private hostile(rng: Rng, depth: number): unknown {
    switch (rng.nextInt(6)) {
      case 0: return HOSTILE_STRINGS[rng.nextInt(HOSTILE_STRINGS.length)];
      case 1: return 1e308;
      case 2: return -2_147_483_649;
      case 3: return depth < 3 ? { unexpected: [1, "two", null] } : 0;
      case 4: return Array.from({ length: 1_000 }, (_, i) => i);
      default: return true;
    }
  }

  private selection(rng: Rng, type: GraphQLNamedType, depth: number): string {
    if (isScalarType(type) || isEnumType(type)) return "";
    if (isUnionType(type) || isInterfaceType(type)) {
      const members = this.schema.getPossibleTypes(type);
      const picked = Array.from({ length: 1 + rng.nextInt(Math.min(3, members.length)) }, () => members[rng.nextInt(members.length)]!);
      return ` { __typename ${[...new Set(picked)].map((m) => `... on ${m.name}${this.selection(rng, m, depth)}`).join(" ")} }`;
    }
    if (!isObjectType(type)) return "";
    const fields = Object.values(type.getFields());
    const leaves = fields.filter((f) => { const t = getNamedType(f.type); return isScalarType(t) || isEnumType(t); });
    const chosen = new Set<GraphQLField<unknown, unknown>>([leaves.length ? leaves[rng.nextInt(leaves.length)]! : fields[0]!]);
    for (let i = rng.nextInt(4); i > 0; i--) {
      const field = fields[rng.nextInt(fields.length)]!;
      const inner = getNamedType(field.type);
      if (depth < 4 || isScalarType(inner) || isEnumType(inner)) chosen.add(field);
    }
    const parts = [...chosen].map((field) => {
      const args = field.args.filter((a) => isNonNullType(a.type) || rng.nextFloat() < 0.3).map((a) => `${a.name}: ${literal(this.value(rng, a.type, 2), a.type)}`);
      return `${field.name}${args.length ? `(${args.join(", ")})` : ""}${this.selection(rng, getNamedType(field.type), depth + 1)}`;
    });
    return ` { ${parts.join(" ")} }`;
  }
}

/** A JavaScript value as a GraphQL literal (enum values are marked { __enum }). */
function literal(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, type)).join(", ")}]`;
  const object = value as Record<string, unknown>;
  if (typeof object.__enum === "string") return object.__enum;
  return `{ ${Object.entries(object).map(([k, v]) => `${/^[_A-Za-z][_0-9A-Za-z]*$/.test(k) ? k : "bad_key"}: ${literal(v, type)}`).join(", ")} }`;
}

/** A few random character edits: deletions, duplications and stray punctuation. */
function mangle(rng: Rng, text: string): string {
  let out = text;
  for (let edits = 1 + rng.nextInt(4); edits > 0; edits--) {
    const at = rng.nextInt(out.length);
    const kind = rng.nextInt(3);
    if (kind === 0) out = out.slice(0, at) + out.slice(at + 1 + rng.nextInt(5));
    else if (kind === 1) out = out.slice(0, at) + out.slice(at, at + 8) + out.slice(at);
    else out = out.slice(0, at) + "{}[]():$@!\"#"[rng.nextInt(12)] + out.slice(at);
  }
  return out;
}
