// The one Pothos SchemaBuilder: plugins, scalars and auth scopes are configured here, once.
// Plugin order matters: scope-auth first (auth runs before anything else), errors before prisma
// (so prisma fields can return error unions), validation and text hygiene last (innermost, so
// their errors land in the fields' error unions).
import SchemaBuilder from "@pothos/core";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ValidationPlugin from "@pothos/plugin-validation";
import TextHygienePlugin from "./plugins/text-hygiene.ts";
import { GraphQLError, type GraphQLResolveInfo } from "graphql";
import { resolveNodes } from "@pothos/plugin-relay";
import type PrismaTypes from "../prisma/generated/pothos-types.ts";
import { getDatamodel } from "../prisma/generated/pothos-types.ts";
import { BudgetExceededError, InvalidInputError, QuotaExceededError } from "../services/index.ts";
import { limits } from "../config/index.ts";
import type { Context } from "./context.ts";
import { isVisible } from "./visibility.ts";

export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: { user: boolean };
  Scalars: {
    DateTime: { Input: Date; Output: Date };
    JSONObject: { Input: Record<string, unknown>; Output: Record<string, unknown> };
  };
  DefaultFieldNullability: false;
}>({
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin, ValidationPlugin, TextHygienePlugin],
  defaultFieldNullability: false,
  scopeAuth: {
    authScopes: (context) => ({ user: context.viewer !== null }),
    unauthorizedError: (_parent, context, _info, result) =>
      context.viewer === null
        ? new GraphQLError("Authentication required: send `Authorization: Bearer <API key>` (createUser returns one)", {
            extensions: { code: "UNAUTHENTICATED", http: { status: 401, headers: { "www-authenticate": "Bearer" } } },
          })
        : new GraphQLError(`Forbidden: ${result.message}`, {
            extensions: { code: "FORBIDDEN", http: { status: 403 } },
          }),
  },
  errors: {
    // Invalid arguments become a typed ValidationError in the field's result union.
    unsafelyHandleInputErrors: true,
    defaultTypes: [InvalidInputError, BudgetExceededError, QuotaExceededError],
    defaultUnionOptions: { name: ({ fieldName }) => `${fieldName[0]!.toUpperCase()}${fieldName.slice(1)}Result` },
  },
  validation: {
    validationError: (failure) =>
      new InvalidInputError(
        failure.issues.map((issue) => ({
          path: (issue.path ?? []).map((part) => String(typeof part === "object" ? part.key : part)),
          message: issue.message,
        })),
      ),
  },
  prisma: {
    client: (context) => context.db,
    defaultConnectionSize: limits.graphql.defaultPageSize,
    maxConnectionSize: limits.graphql.maxPageSize,
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
    // Relay's contract: an id that names nothing the caller may see is `null`, never an error, so
    // an id never tells whether something exists (missing, deleted and someone else's look alike).
    nodeQueryOptions: {
      description: "The object with this global id, or null when it does not exist or is not yours.",
      resolve: (_root, { id }, context, info) => visibleNode(context, info, id),
    },
    nodesQueryOptions: {
      description: `Up to ${limits.graphql.maxNodeIds} objects by global id, in order; null for each id that names nothing the caller may see.`,
      resolve: (_root, { ids }, context, info) => {
        if (ids.length > limits.graphql.maxNodeIds) {
          throw new InvalidInputError([{ path: ["ids"], message: `must have at most ${limits.graphql.maxNodeIds} ids (it has ${ids.length})` }]);
        }
        return ids.map((id) => visibleNode(context, info, id));
      },
    },
  },
});

/** The node with this global id when it exists and the caller may see it; otherwise null. */
async function visibleNode(context: Context, info: GraphQLResolveInfo, id: { typename: string; id: string }): Promise<unknown> {
  try {
    const [record] = await resolveNodes(builder, context, info, [id]);
    return isVisible(id.typename, record, context) ? record : null;
  } catch {
    return null; // no such row (a stale or made-up id), or a typename that is not a node
  }
}
