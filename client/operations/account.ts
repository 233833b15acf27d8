// Signing up, the profile (consent, features), usage and API keys.
import { graphql } from "../graphql.ts";
import { Problem } from "./problem.ts";

export const Profile = graphql(`
  fragment Profile on User @_unmask {
    id
    displayName
    features
    preferences
    consent { personalization sharedTraining updatedAt }
  }
`);

export const SignUp = graphql(
  `
  mutation StudioSignUp($input: CreateUserInput!) {
    createUser(input: $input) {
      __typename
      ... on CreateUserPayload { apiKey user { ...Profile } }
      ...Problem
    }
  }
`,
  [Profile, Problem],
);

export const Me = graphql(
  `
  query StudioMe {
    me { ...Profile usage { quota used limit } }
  }
`,
  [Profile],
);

export const UpdateProfile = graphql(
  `
  mutation StudioUpdateProfile($input: UpdateProfileInput!) {
    updateProfile(input: $input) {
      __typename
      ... on UpdateProfilePayload { user { ...Profile } }
      ...Problem
    }
  }
`,
  [Profile, Problem],
);

export const ApiKeys = graphql(`
  query StudioApiKeys {
    apiKeys { id name prefix active current createdAt lastUsedAt expiresAt revokedAt }
  }
`);

export const CreateApiKey = graphql(
  `
  mutation StudioCreateApiKey($input: CreateApiKeyInput!) {
    createApiKey(input: $input) {
      __typename
      ... on CreateApiKeyPayload { apiKey key { id prefix } }
      ...Problem
    }
  }
`,
  [Problem],
);

export const RevokeApiKey = graphql(
  `
  mutation StudioRevokeApiKey($id: ID!) {
    revokeApiKey(id: $id) {
      __typename
      ... on RevokeApiKeyPayload { key { id revokedAt } }
      ...Problem
    }
  }
`,
  [Problem],
);

/** The documented limits of an input type, as the server describes them (shown beside a form). */
export const InputLimits = graphql(`
  query StudioInputLimits($type: String!) {
    __type(name: $type) { name inputFields { name description } }
  }
`);
