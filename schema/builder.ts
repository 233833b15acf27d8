// The one Pothos SchemaBuilder: plugins, scalars and auth scopes are configured here, once.
// Plugin order matters: scope-auth first (auth runs before anything else), errors before prisma
// (so prisma fields can return error unions), validation last.
import SchemaBuilder from "@pothos/core";
import ScopeAuthPlugin from "@pothos/plugin-scope-auth";
import ErrorsPlugin from "@pothos/plugin-errors";
import PrismaPlugin from "@pothos/plugin-prisma";
import RelayPlugin from "@pothos/plugin-relay";
import ValidationPlugin from "@pothos/plugin-validation";
import { GraphQLError } from "graphql";
import type PrismaTypes from "../prisma/generated/pothos-types.ts";
import { getDatamodel } from "../prisma/generated/pothos-types.ts";
import { InvalidInputError } from "../services/index.ts";
import type { Context } from "./context.ts";

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
  plugins: [ScopeAuthPlugin, ErrorsPlugin, PrismaPlugin, RelayPlugin, ValidationPlugin],
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
    defaultTypes: [InvalidInputError],
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
    dmmf: getDatamodel(),
    exposeDescriptions: true,
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
  relay: {
    clientMutationId: "omit",
    cursorType: "String",
  },
});
