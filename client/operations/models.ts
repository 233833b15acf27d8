// Models from blueprints, datasets from CSV, training jobs with their loss curves and metrics.
import { graphql } from "../graphql.ts";
import { Problem } from "./problem.ts";

export const ModelSummary = graphql(`
  fragment ModelSummary on Model @_unmask {
    id name task status shared numQubits description blueprint createdAt
    circuit { depth gateCount parameterCount }
    latestVersion { id number metrics parameterCount createdAt }
  }
`);

export const Models = graphql(
  `
  query StudioModels($first: Int!) {
    models(first: $first) { totalCount edges { node { ...ModelSummary } } }
  }
`,
  [ModelSummary],
);

export const Model = graphql(
  `
  query StudioModel($id: ID!) {
    model(id: $id) {
      __typename
      ... on Model {
        ...ModelSummary
        circuit { diagram(format: SVG) }
        versions(last: 20) { edges { node { id number metrics parameterCount seed createdAt } } }
      }
      ...Problem
    }
  }
`,
  [ModelSummary, Problem],
);

export const CreateModel = graphql(
  `
  mutation StudioCreateModel($input: CreateModelInput!) {
    createModel(input: $input) {
      __typename
      ... on CreateModelPayload { model { ...ModelSummary } }
      ...Problem
    }
  }
`,
  [ModelSummary, Problem],
);

export const DatasetSummary = graphql(`
  fragment DatasetSummary on Dataset @_unmask {
    id name kind numFeatures classes createdAt
  }
`);

export const MyDatasets = graphql(
  `
  query StudioMyDatasets($first: Int!) {
    me { datasets(first: $first) { totalCount edges { node { ...DatasetSummary } } } }
  }
`,
  [DatasetSummary],
);

export const ImportDataset = graphql(
  `
  mutation StudioImportDataset($input: ImportDatasetInput!) {
    importDataset(input: $input) {
      __typename
      ... on DatasetPayload { added dataset { ...DatasetSummary } }
      ...Problem
    }
  }
`,
  [DatasetSummary, Problem],
);

export const TrainingJobFields = graphql(`
  fragment TrainingJobFields on TrainingJob @_unmask {
    id status progress epoch step error metrics hyperparameters createdAt updatedAt
    lossHistory { epoch trainLoss validationLoss }
    version { id number }
  }
`);

export const StartTraining = graphql(
  `
  mutation StudioStartTraining($model: ID!, $dataset: ID!, $hyperparameters: HyperparametersInput, $key: String) {
    startTraining(modelId: $model, datasetId: $dataset, hyperparameters: $hyperparameters, idempotencyKey: $key) {
      __typename
      ... on TrainingJobPayload { job { ...TrainingJobFields } }
      ...Problem
    }
  }
`,
  [TrainingJobFields, Problem],
);

export const TrainingJob = graphql(
  `
  query StudioTrainingJob($id: ID!) {
    trainingJob(id: $id) {
      __typename
      ... on TrainingJob { ...TrainingJobFields }
      ...Problem
    }
  }
`,
  [TrainingJobFields, Problem],
);

export const CancelTraining = graphql(
  `
  mutation StudioCancelTraining($id: ID!) {
    cancelTraining(id: $id) {
      __typename
      ... on TrainingJobPayload { job { ...TrainingJobFields } }
      ...Problem
    }
  }
`,
  [TrainingJobFields, Problem],
);
