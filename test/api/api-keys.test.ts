// API key management over GraphQL-over-HTTP: a second key, the list (no secrets), revocation
// and expiry that take effect on the very next request, rotation, and the last key kept.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { limits } from "../../config/index.ts";
import type { Db } from "../../services/index.ts";
import { connectTestDatabase } from "../support/database.ts";
import { graphql, signUp } from "../support/graphql.ts";

const CREATE = `mutation ($input: CreateApiKeyInput!) { createApiKey(input: $input) {
  __typename ... on CreateApiKeyPayload { apiKey key { id name prefix active current expiresAt } } ... on ValidationError { issues { path message } } } }`;
const LIST = `{ apiKeys { id name prefix active current revokedAt expiresAt lastUsedAt } }`;
const REVOKE = `mutation ($id: ID!, $allowLast: Boolean) { revokeApiKey(id: $id, allowLast: $allowLast) {
  __typename ... on RevokeApiKeyPayload { key { id active revokedAt } } ... on ValidationError { issues { message } } ... on NotFoundError { code } } }`;
const ME = `{ me { displayName } }`;

let db: Db;
beforeAll(async () => { db = await connectTestDatabase(); });
afterAll(async () => { await db.$disconnect(); });

const withKey = (apiKey: string) => (query: string, variables?: Record<string, unknown>) => graphql(query, variables, { apiKey });

describe("API keys", () => {
  it("a second key works beside the first; the list shows names and prefixes, never secrets", async () => {
    const { apiKey } = await signUp("Keyholder");
    const created = await withKey(apiKey)(CREATE, { input: { name: "CI" } });
    const second = created.body.data!.createApiKey;
    expect(second).toMatchObject({ __typename: "CreateApiKeyPayload", key: { name: "CI", active: true, current: false, expiresAt: null } });
    expect(second.apiKey.startsWith(second.key.prefix)).toBe(true);
    expect((await withKey(second.apiKey)(ME)).body.data!.me.displayName).toBe("Keyholder");

    const listed = (await withKey(second.apiKey)(LIST)).body.data!.apiKeys;
    expect(listed.map((k: { name: string; current: boolean }) => [k.name, k.current])).toEqual([["CI", true], ["default", false]]);
    expect(JSON.stringify(listed)).not.toContain(second.apiKey);
    expect(JSON.stringify(listed)).not.toContain(apiKey);
  });

  it("rotation: create, switch, revoke the old one, which is refused from the next request on", async () => {
    const { apiKey: old } = await signUp("Rotator");
    const fresh = (await withKey(old)(CREATE, { input: { name: "rotated" } })).body.data!.createApiKey.apiKey as string;
    const oldId = (await withKey(fresh)(LIST)).body.data!.apiKeys.find((k: { current: boolean }) => !k.current).id;
    const revoked = await withKey(fresh)(REVOKE, { id: oldId });
    expect(revoked.body.data!.revokeApiKey.key).toMatchObject({ id: oldId, active: false });
    const refused = await withKey(old)(ME);
    expect(refused.status).toBe(401);
    expect(refused.body.errors![0]!.message).toContain("unknown or revoked");
    expect((await withKey(fresh)(ME)).status).toBe(200);
  });

  it("the last active key is kept unless allowLast; with it, the account is locked out at once", async () => {
    const { apiKey } = await signUp("Last key");
    const [only] = (await withKey(apiKey)(LIST)).body.data!.apiKeys;
    const kept = await withKey(apiKey)(REVOKE, { id: only.id });
    expect(kept.body.data!.revokeApiKey.issues[0].message).toContain("this is your last active key");
    expect((await withKey(apiKey)(ME)).status).toBe(200);
    expect((await withKey(apiKey)(REVOKE, { id: only.id, allowLast: true })).body.data!.revokeApiKey.key.active).toBe(false);
    expect((await withKey(apiKey)(ME)).status).toBe(401);
  });

  it("an expired key is refused, saying when it expired", async () => {
    const { apiKey } = await signUp("Expiring");
    const created = (await withKey(apiKey)(CREATE, { input: { name: "short", expiresAt: new Date(Date.now() + 60_000).toISOString() } })).body.data!.createApiKey;
    expect((await withKey(created.apiKey)(ME)).status).toBe(200);
    await db.apiKey.updateMany({ where: { prefix: created.key.prefix }, data: { expiresAt: new Date(Date.now() - 1_000) } }); // time passes
    const refused = await withKey(created.apiKey)(ME);
    expect(refused.status).toBe(401);
    expect(refused.body.errors![0]!.message).toMatch(/^The API key expired at /);
  });

  it("bad input: a past expiry, an empty name, another user's key id; nothing is written", async () => {
    const [alice, bob] = [await signUp("Alice (keys)"), await signUp("Bob (keys)")];
    const past = await withKey(alice.apiKey)(CREATE, { input: { name: "x", expiresAt: "2020-01-01T00:00:00Z" } });
    expect(past.body.data!.createApiKey.issues).toEqual([{ path: ["input", "expiresAt"], message: "must be in the future" }]);
    const empty = await withKey(alice.apiKey)(CREATE, { input: { name: "  " } });
    expect(empty.body.data!.createApiKey.issues[0].path).toEqual(["input", "name"]);
    const bobsKey = (await withKey(bob.apiKey)(LIST)).body.data!.apiKeys[0].id;
    expect((await withKey(alice.apiKey)(REVOKE, { id: bobsKey, allowLast: true })).body.data!.revokeApiKey.__typename).toBe("NotFoundError");
    expect((await withKey(bob.apiKey)(ME)).status).toBe(200);
    expect((await withKey(alice.apiKey)(LIST)).body.data!.apiKeys).toHaveLength(1);
  });

  it(`at most ${limits.apiKeys.maxActivePerUser} active keys, even when created concurrently`, async () => {
    const { apiKey } = await signUp("Many keys");
    const results = await Promise.all(Array.from({ length: limits.apiKeys.maxActivePerUser + 5 }, (_, i) => withKey(apiKey)(CREATE, { input: { name: `k${i}` } })));
    const created = results.filter((r) => r.body.data!.createApiKey.__typename === "CreateApiKeyPayload");
    expect(created).toHaveLength(limits.apiKeys.maxActivePerUser - 1); // the sign-up key is one of them
    const refused = results.find((r) => r.body.data!.createApiKey.__typename === "ValidationError")!;
    expect(refused.body.data!.createApiKey.issues[0].message).toContain(`the most allowed (${limits.apiKeys.maxActivePerUser})`);
    expect((await withKey(apiKey)(LIST)).body.data!.apiKeys.filter((k: { active: boolean }) => k.active)).toHaveLength(limits.apiKeys.maxActivePerUser);
  });
});
