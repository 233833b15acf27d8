// Who may see each node type, in one registry: the types' auth scopes use these predicates, and
// `node`/`nodes` use them too, so an object the caller may not see is answered exactly like a
// missing one (null), and an id never tells whether something exists.
import type { Context } from "./context.ts";

type Visible<Record> = (record: Record, context: Context) => boolean;

const registry = new Map<string, Visible<never>>();

/** Registers who may see `typename` and returns the predicate, for the type's authScopes. */
export function visibleWhen<Record>(typename: string, visible: Visible<Record>): Visible<Record> {
  registry.set(typename, visible as Visible<never>);
  return visible;
}

/** Whether a loaded node may be shown to the caller (unknown types: no). */
export function isVisible(typename: string, record: unknown, context: Context): boolean {
  const visible = registry.get(typename) as Visible<unknown> | undefined;
  return record != null && visible !== undefined && visible(record, context);
}
