// Predictions with intervals and attributions; recommendations, personal and shared; feedback.
import { graphql } from "../graphql.ts";
import { Problem } from "./problem.ts";

export const Predict = graphql(
  `
  mutation StudioPredict($model: ID!, $features: [Float!]!, $options: PredictOptions) {
    predict(modelId: $model, features: $features, options: $options) {
      __typename
      ... on Prediction {
        id label value usedPersonalParameters
        probabilities { label probability }
        interval { low high source }
        modelVersion { number }
        explanation { method attributions baseline baselineValue value completenessGap gapTolerance reliable outOfTrainingRange }
      }
      ...Problem
    }
  }
`,
  [Problem],
);

export const RankedItems = graphql(`
  fragment RankedItems on Recommendations @_unmask {
    personalized intervalSource hint
    items { item score low high }
    modelVersion { number }
  }
`);

/** The same candidates ranked twice in one request: with your parameters, and with the shared ones. */
export const RecommendSideBySide = graphql(
  `
  query StudioRecommend($model: ID!, $candidates: [CandidateItem!], $shots: Int, $seed: Int) {
    personal: recommend(modelId: $model, candidates: $candidates, shots: $shots, seed: $seed) {
      __typename
      ...RankedItems
      ...Problem
    }
    shared: recommend(modelId: $model, candidates: $candidates, shots: $shots, seed: $seed, personal: false) {
      __typename
      ...RankedItems
      ...Problem
    }
  }
`,
  [RankedItems, Problem],
);

export const RecordFeedback = graphql(
  `
  mutation StudioRecordFeedback($model: ID!, $item: String!, $itemFeatures: [Float!]!, $signal: Float!, $key: String) {
    recordFeedback(modelId: $model, item: $item, itemFeatures: $itemFeatures, signal: $signal, idempotencyKey: $key) {
      __typename
      ... on FeedbackPayload { personalParameters { version values updatedAt } }
      ...Problem
    }
  }
`,
  [Problem],
);
