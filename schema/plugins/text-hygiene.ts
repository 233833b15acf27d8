// A Pothos plugin that checks every string in a field's arguments (nested inputs, lists and JSON
// values, keys included) before the resolver runs: control characters and malformed Unicode are
// refused with a ValidationError naming where they are, so no such text reaches a database.
import SchemaBuilder, { BasePlugin, type PothosOutputFieldConfig, type SchemaTypes } from "@pothos/core";
import type { GraphQLFieldResolver } from "graphql";
import { InvalidInputError, textProblem, type InputIssue } from "../../services/index.ts";

const pluginName = "textHygiene";

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- Pothos registers plugins by declaration merging
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      textHygiene: TextHygienePlugin<Types>;
    }
  }
}

export class TextHygienePlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(resolver: GraphQLFieldResolver<unknown, Types["Context"], object>, fieldConfig: PothosOutputFieldConfig<Types>) {
    if (Object.keys(fieldConfig.args).length === 0) return resolver;
    return (parent: unknown, args: object, context: Types["Context"], info: Parameters<typeof resolver>[3]) => {
      const issues = textIssues(args);
      if (issues.length) throw new InvalidInputError(issues);
      return resolver(parent, args, context, info);
    };
  }
}

SchemaBuilder.registerPlugin(pluginName, TextHygienePlugin);
export default pluginName;

/** Problems with the strings in `args` (at most 20), found without recursion. */
export function textIssues(args: object): InputIssue[] {
  const issues: InputIssue[] = [];
  const stack: [unknown, string[]][] = Object.entries(args).map(([key, value]) => [value, [key]]);
  while (stack.length && issues.length < 20) {
    const [value, path] = stack.pop()!;
    if (typeof value === "string") {
      const problem = textProblem(value, true);
      if (problem) issues.push({ path, message: problem });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => stack.push([item, [...path, String(i)]]));
    } else if (value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
      for (const [key, item] of Object.entries(value)) {
        const problem = textProblem(key, false);
        if (problem) issues.push({ path: [...path, key], message: `the key ${problem.replace(/^must/, "must")}` });
        stack.push([item, [...path, key]]);
      }
    }
  }
  return issues;
}
