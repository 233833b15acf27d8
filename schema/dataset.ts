// Datasets: the Dataset node (owner only) with its examples, `me.datasets`, `createDataset`,
// `addExamples`, `importDataset` (CSV, checked row by row, all-or-nothing) and `deleteDataset`.
import { encodeGlobalID } from "@pothos/plugin-relay";
import * as z from "zod";
import { limits } from "../config/index.ts";
import {
  addExamples,
  createDataset,
  createDatasetSchema,
  deleteDataset,
  csvSchema,
  datasetClasses,
  exampleFeaturesSchema,
  findOwnDataset,
  importDataset,
  NotFoundError,
  type DatasetRecord,
} from "../services/index.ts";
import { builder } from "./builder.ts";
import { givenKey, IDEMPOTENCY_KEY_DESCRIPTION } from "./idempotency.ts";
import { visibleWhen } from "./visibility.ts";
import { UserRef } from "./user.ts";

const { dataset } = limits;

const DatasetKindEnum = builder.enumType("DatasetKind", {
  values: {
    CLASSIFICATION: { description: "Labels are class names." },
    REGRESSION: { description: "Labels are numbers." },
    RATINGS: { description: "Each row: user features, then item features; the label is a rating in [-1, 1]." },
  } as const,
});

builder.prismaNode("Example", {
  id: { field: "id" },
  include: { dataset: { select: { ownerId: true } } },
  authScopes: visibleWhen("Example", (e: { dataset: { ownerId: string } }, context) => e.dataset.ownerId === context.viewer?.id),
  fields: (t) => ({
    features: t.floatList({ resolve: (e) => e.features as number[] }),
    label: t.exposeFloat("label", { description: "Class index, target value or rating." }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const DatasetRef = builder.prismaNode("Dataset", {
  id: { field: "id" },
  description: "A user's labelled data. Only its owner can see it.",
  authScopes: visibleWhen("Dataset", (d: { ownerId: string }, context) => d.ownerId === context.viewer?.id),
  fields: (t) => ({
    name: t.exposeString("name"),
    kind: t.field({ type: DatasetKindEnum, resolve: (d) => d.kind as "CLASSIFICATION" }),
    numFeatures: t.exposeInt("numFeatures"),
    classes: t.stringList({ resolve: (d) => datasetClasses(d) }),
    examples: t.relatedConnection("examples", { cursor: "id", query: { orderBy: { position: "asc" } }, totalCount: true }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});
builder.prismaObjectField(UserRef, "datasets", (t) =>
  t.relatedConnection("datasets", { cursor: "id", query: { orderBy: [{ createdAt: "desc" }, { id: "desc" }] }, totalCount: true }),
);

builder.queryField("dataset", (t) =>
  t.field({
    type: DatasetRef,
    authScopes: { user: true },
    args: { id: t.arg.globalID({ required: true, for: DatasetRef }) },
    errors: { types: [NotFoundError], directResult: true },
    resolve: (_root, { id }, context) => findOwnDataset(context.db, context.viewer!.id, id.id),
  }),
);

const datasetFields = {
  name: `${dataset.nameMinLength}–${dataset.nameMaxLength} characters.`,
  numFeatures: "Features per example (RATINGS: user features + item features).",
};

const CreateDatasetInput = builder.inputType("CreateDatasetInput", {
  validate: createDatasetSchema,
  fields: (t) => ({
    name: t.string({ required: true, description: datasetFields.name }),
    kind: t.field({ type: DatasetKindEnum, required: true }),
    numFeatures: t.int({ required: true, description: datasetFields.numFeatures }),
    classes: t.stringList({ description: "Class names (CLASSIFICATION)." }),
  }),
});

const ImportDatasetInput = builder.inputType("ImportDatasetInput", {
  validate: createDatasetSchema.and(z.object({ csv: csvSchema, idempotencyKey: z.string().nullish() })),
  fields: (t) => ({
    name: t.string({ required: true, description: datasetFields.name }),
    kind: t.field({ type: DatasetKindEnum, required: true }),
    numFeatures: t.int({ required: true, description: datasetFields.numFeatures }),
    classes: t.stringList({ description: "Class names (CLASSIFICATION)." }),
    csv: t.string({
      required: true,
      description: `A header row, then one example per row: the features, then the label. At most ${dataset.maxCsvBytes} bytes and ${dataset.maxExamples} rows.`,
    }),
    idempotencyKey: t.string({ description: IDEMPOTENCY_KEY_DESCRIPTION }),
  }),
});

const ExampleInput = builder.inputType("ExampleInput", {
  fields: (t) => ({
    features: t.floatList({ required: true, validate: exampleFeaturesSchema }),
    label: t.string({ required: true, description: "A class name, or a number written as a string (\"2.5\")." }),
  }),
});

const DatasetPayload = builder.objectRef<{ dataset: DatasetRecord; added: number }>("DatasetPayload").implement({
  fields: (t) => ({
    dataset: t.field({ type: DatasetRef, resolve: (p) => p.dataset }),
    added: t.exposeInt("added", { description: "Examples written by this call." }),
  }),
});

builder.mutationField("createDataset", (t) =>
  t.field({
    type: DatasetPayload,
    authScopes: { user: true },
    args: { input: t.arg({ type: CreateDatasetInput, required: true }) },
    errors: { directResult: true },
    resolve: async (_root, { input }, context) => ({ dataset: await createDataset(context.db, context.viewer!.id, input), added: 0 }),
  }),
);

builder.mutationField("importDataset", (t) =>
  t.field({
    type: DatasetPayload,
    description: "Creates a dataset from CSV text. Every row is checked first; a problem names its row and column, and nothing is written.",
    authScopes: { user: true },
    args: { input: t.arg({ type: ImportDatasetInput, required: true }) },
    errors: { directResult: true },
    resolve: async (_root, { input }, context, info) => {
      const created = await importDataset(context.db, context.viewer!.id, input, givenKey(input.idempotencyKey, ["input", "idempotencyKey"], context, info));
      return { dataset: created, added: await context.db.example.count({ where: { datasetId: created.id } }) };
    },
  }),
);

const DeleteDatasetPayload = builder.objectRef<{ deletedId: string }>("DeleteDatasetPayload").implement({
  fields: (t) => ({ deletedId: t.exposeID("deletedId") }),
});

builder.mutationField("deleteDataset", (t) =>
  t.field({
    type: DeleteDatasetPayload,
    description: "Deletes one of your datasets with its examples (not while a training job uses it).",
    authScopes: { user: true },
    args: { id: t.arg.globalID({ required: true, for: DatasetRef }) },
    errors: { types: [NotFoundError], directResult: true },
    resolve: async (_root, { id }, context) => ({ deletedId: encodeGlobalID("Dataset", (await deleteDataset(context.db, context.viewer!.id, id.id)).id) }),
  }),
);

builder.mutationField("addExamples", (t) =>
  t.field({
    type: DatasetPayload,
    description: `Adds up to ${dataset.maxExamplesPerCall} examples (at most ${dataset.maxExamples} per dataset). All or nothing.`,
    authScopes: { user: true },
    args: {
      datasetId: t.arg.globalID({ required: true, for: DatasetRef }),
      examples: t.arg({ type: [ExampleInput], required: true }),
    },
    errors: { types: [NotFoundError], directResult: true },
    resolve: async (_root, { datasetId, examples }, context) => {
      const added = await addExamples(context.db, context.viewer!.id, datasetId.id, examples);
      return { dataset: await findOwnDataset(context.db, context.viewer!.id, datasetId.id), added };
    },
  }),
);
