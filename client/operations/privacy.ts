// The caller's data: export everything as a file, delete the account.
import { graphql } from "../graphql.ts";
import { Problem } from "./problem.ts";

export const ExportJobFields = graphql(`
  fragment ExportJobFields on ExportJob @_unmask {
    id status rows bytes error createdAt finishedAt
    download { url expiresAt }
  }
`);

export const ExportMyData = graphql(
  `
  mutation StudioExportMyData {
    exportMyData {
      __typename
      ... on ExportPayload { job { ...ExportJobFields } }
      ...Problem
    }
  }
`,
  [ExportJobFields, Problem],
);

export const ExportJob = graphql(
  `
  query StudioExportJob($id: ID!) {
    exportJob(id: $id) {
      __typename
      ... on ExportJob { ...ExportJobFields }
      ...Problem
    }
  }
`,
  [ExportJobFields, Problem],
);

export const DeleteMe = graphql(`
  mutation StudioDeleteMe {
    deleteMe
  }
`);
