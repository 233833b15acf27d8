// API key management: `apiKeys` (the caller's keys, no secrets), `createApiKey` (a new secret,
// shown once; optionally expiring), `revokeApiKey` (stops a key at once; the last active key is
// kept unless asked). Rotation is create, switch clients, revoke.
import { encodeGlobalID } from "@pothos/plugin-relay";
import * as z from "zod";
import { limits } from "../config/index.ts";
import { createApiKey, listApiKeys, nameText, NotFoundError, revokeApiKey, type ApiKeyRecord } from "../services/index.ts";
import { builder } from "./builder.ts";

const ApiKeyRef = builder.objectRef<ApiKeyRecord>("ApiKey").implement({
  description: "One of your API keys. The secret itself is never shown again after createUser or createApiKey.",
  fields: (t) => ({
    id: t.id({ resolve: (k) => encodeGlobalID("ApiKey", k.id) }),
    name: t.exposeString("name"),
    prefix: t.exposeString("prefix", { description: "The first characters of the secret, to tell keys apart." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
    lastUsedAt: t.expose("lastUsedAt", { type: "DateTime", nullable: true, description: "Last use, to the minute." }),
    expiresAt: t.expose("expiresAt", { type: "DateTime", nullable: true }),
    revokedAt: t.expose("revokedAt", { type: "DateTime", nullable: true }),
    active: t.boolean({ description: "Neither revoked nor expired.", resolve: (k) => k.revokedAt === null && (k.expiresAt === null || k.expiresAt > new Date()) }),
    current: t.boolean({ description: "This request was made with this key.", resolve: (k, _args, context) => k.id === context.apiKeyId }),
  }),
});

builder.queryField("apiKeys", (t) =>
  t.field({
    type: [ApiKeyRef],
    description: "Your API keys, newest first: active, expired and revoked.",
    authScopes: { user: true },
    resolve: (_root, _args, context) => listApiKeys(context.db, context.viewer!.id),
  }),
);

const CreateApiKeyInput = builder.inputType("CreateApiKeyInput", {
  validate: z.object({ name: nameText(1, limits.apiKeys.nameMaxLength), expiresAt: z.date().nullish() }),
  fields: (t) => ({
    name: t.string({ required: true, description: `What the key is for ("laptop", "CI"), 1–${limits.apiKeys.nameMaxLength} characters.` }),
    expiresAt: t.field({ type: "DateTime", description: `When the key stops working (within ${limits.apiKeys.maxLifetimeDays} days); never when omitted.` }),
  }),
});

const CreateApiKeyPayload = builder.objectRef<{ key: ApiKeyRecord; secret: string }>("CreateApiKeyPayload").implement({
  fields: (t) => ({
    apiKey: t.exposeString("secret", { description: "The new key's secret. Shown once: only its hash is stored." }),
    key: t.field({ type: ApiKeyRef, resolve: (p) => p.key }),
  }),
});

builder.mutationField("createApiKey", (t) =>
  t.field({
    type: CreateApiKeyPayload,
    description: `Creates another API key (at most ${limits.apiKeys.maxActivePerUser} active). To rotate a key: create one, move your clients to it, revoke the old one.`,
    authScopes: { user: true },
    args: { input: t.arg({ type: CreateApiKeyInput, required: true }) },
    errors: { directResult: true },
    resolve: (_root, { input }, context) => createApiKey(context.db, context.viewer!.id, input),
  }),
);

const RevokeApiKeyPayload = builder.objectRef<{ key: ApiKeyRecord }>("RevokeApiKeyPayload").implement({
  fields: (t) => ({ key: t.field({ type: ApiKeyRef, resolve: (p) => p.key }) }),
});

builder.mutationField("revokeApiKey", (t) =>
  t.field({
    type: RevokeApiKeyPayload,
    description: "Revokes one of your keys: it is refused from the next request on. Your last active key is kept unless allowLast is true.",
    authScopes: { user: true },
    args: {
      id: t.arg.globalID({ required: true, description: "The key's id (from apiKeys)." }),
      allowLast: t.arg.boolean({ description: "Also revoke your last active key: no key will work for this account afterwards." }),
    },
    errors: { types: [NotFoundError], directResult: true },
    resolve: async (_root, { id, allowLast }, context) => {
      if (id.typename !== "ApiKey") throw new NotFoundError("ApiKey", id.id);
      return { key: await revokeApiKey(context.db, context.viewer!.id, id.id, { allowLast: allowLast ?? false }) };
    },
  }),
);
