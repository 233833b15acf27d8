// Profiles over GraphQL-over-HTTP: sign-up, me, updateProfile, and ownership through node(id:).
import { describe, expect, it } from "vitest";
import { graphql, signUp } from "../support/graphql.ts";

const ME = `{ me { id displayName features preferences consent { personalization sharedTraining updatedAt } createdAt updatedAt } }`;
const UPDATE = `mutation ($input: UpdateProfileInput!) {
  updateProfile(input: $input) {
    __typename
    ... on UpdateProfilePayload { user { displayName features preferences consent { personalization sharedTraining } } }
    ... on ValidationError { code message issues { path message } }
  }
}`;

describe("sign-up and profile", () => {
  it("createUser returns a working key and the new profile", async () => {
    const { body, status } = await graphql(
      `mutation { createUser(input: { displayName: "  Ada  ", features: [0.25, 1], preferences: { theme: "dark" }, consent: { personalization: true } }) {
        __typename ... on CreateUserPayload { apiKey user { id displayName features preferences consent { personalization sharedTraining } } } } }`,
    );
    expect(status).toBe(200);
    const created = body.data!.createUser;
    expect(created.__typename).toBe("CreateUserPayload");
    expect(created.user).toMatchObject({
      displayName: "Ada",
      features: [0.25, 1],
      preferences: { theme: "dark" },
      consent: { personalization: true, sharedTraining: false },
    });
    const me = await graphql(ME, undefined, { apiKey: created.apiKey });
    expect(me.status).toBe(200);
    expect(me.body.data!.me.id).toBe(created.user.id);
    expect(me.body.data!.me.displayName).toBe("Ada");
  });

  it("updateProfile changes only the caller's profile", async () => {
    const alice = await signUp("Alice", { features: [1, 2] });
    const bob = await signUp("Bob");
    const { body } = await graphql(
      UPDATE,
      { input: { displayName: "Alice B.", preferences: { lang: "en" }, consent: { sharedTraining: true } } },
      { apiKey: alice.apiKey },
    );
    expect(body.data!.updateProfile).toEqual({
      __typename: "UpdateProfilePayload",
      user: { displayName: "Alice B.", features: [1, 2], preferences: { lang: "en" }, consent: { personalization: false, sharedTraining: true } },
    });
    expect((await graphql(ME, undefined, { apiKey: bob.apiKey })).body.data!.me.displayName).toBe("Bob");
  });

  it("an invalid update returns every issue as a ValidationError and changes nothing", async () => {
    const user = await signUp("Unchanged", { features: [3] });
    const before = (await graphql(ME, undefined, { apiKey: user.apiKey })).body.data!.me;
    const { status, body } = await graphql(
      UPDATE,
      { input: { displayName: "x".repeat(81), features: [1, 2e6], preferences: { ok: true } } },
      { apiKey: user.apiKey },
    );
    expect(status).toBe(200);
    expect(body.data!.updateProfile).toEqual({
      __typename: "ValidationError",
      code: "INVALID_INPUT",
      message: "Invalid input: 2 problems (input.displayName, input.features.1)",
      issues: [
        { path: ["input", "displayName"], message: "must be at most 80 characters" },
        { path: ["input", "features", "1"], message: "must be between -1000000 and 1000000" },
      ],
    });
    expect((await graphql(ME, undefined, { apiKey: user.apiKey })).body.data!.me).toEqual(before);
  });
});

describe("ownership", () => {
  const NODE = `query ($id: ID!) { node(id: $id) { __typename id ... on User { displayName } } }`;

  it("node(id:) returns the caller's own profile", async () => {
    const user = await signUp("Own");
    const { status, body } = await graphql(NODE, { id: user.id }, { apiKey: user.apiKey });
    expect(status).toBe(200);
    expect(body.data!.node).toEqual({ __typename: "User", id: user.id, displayName: "Own" });
  });

  it("node(id:) and nodes(ids:) answer null for another user's profile, as for a missing one (Relay's contract; no existence oracle)", async () => {
    const [alice, bob] = [await signUp("Alice"), await signUp("Bob")];
    const single = await graphql(NODE, { id: bob.id }, { apiKey: alice.apiKey });
    expect(single.status).toBe(200);
    expect(single.body).toEqual({ data: { node: null } });

    const many = await graphql(`query ($ids: [ID!]!) { nodes(ids: $ids) { ... on User { displayName } } }`, { ids: [alice.id, bob.id] }, { apiKey: alice.apiKey });
    expect(many.body).toEqual({ data: { nodes: [{ displayName: "Alice" }, null] } });
  });

  it("an anonymous caller reads no profile: node(id:) is null", async () => {
    const user = await signUp("Hidden");
    const { status, body } = await graphql(NODE, { id: user.id });
    expect(status).toBe(200);
    expect(body).toEqual({ data: { node: null } });
  });
});
