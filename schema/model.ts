// Models: the Model node (blueprint, status, drawable circuit, versions with metrics beside the
// classical baseline), `models` (yours and the shared base models), `model(id:)`, `createModel`,
// `deleteModel`. Private models are visible to their owner only.
import {
  canReadModel,
  createModel,
  createModelSchema,
  deleteModel,
  findReadableModel,
  describeModel,
  drawCircuit,
  KERNEL_BANDWIDTHS,
  KERNEL_REGULARIZATIONS,
  modelCircuit,
  modelQubits,
  NotFoundError,
  type ModelCircuitView,
  type ModelRecord,
} from "../services/index.ts";
import { encodeGlobalID } from "@pothos/plugin-relay";
import { limits } from "../config/index.ts";
import { builder } from "./builder.ts";
import { visibleWhen } from "./visibility.ts";
import { DiagramFormatEnum } from "./circuit.ts";

const { model } = limits;

export const ModelTaskEnum = builder.enumType("ModelTask", {
  values: {
    CLASSIFICATION: { description: "Variational quantum classifier (softmax over ⟨Z_k⟩, or parity for 2 classes)." },
    REGRESSION: { description: "Variational quantum regressor (ŷ from ⟨Z_0⟩)." },
    KERNEL_CLASSIFICATION: { description: "Quantum-kernel classifier: fidelity kernel of an encoding + kernel ridge." },
    RECOMMENDATION: { description: "Scores (user, item) pairs; per-user parameters personalise it." },
    ANOMALY_DETECTION: {
      description:
        "Quantum-kernel anomaly detector (fraud, unusual behaviour): a fidelity-kernel density of the normal class's rows; a row scoring above the threshold " +
        "(set for the false-positive rate on the validation split) is labelled with the anomaly class. Classes: [normal, anomaly]; trains on a CLASSIFICATION dataset with those classes.",
    },
  } as const,
});

const ModelStatusEnum = builder.enumType("ModelStatus", {
  values: { UNTRAINED: {}, TRAINING: {}, READY: { description: "Has at least one trained version." } } as const,
});

const EncodingKindEnum = builder.enumType("EncodingKind", {
  values: {
    angle: { description: "One rotation per feature (rx, ry or rz): one qubit per feature." },
    zz: { description: "ZZ feature map (Havlíček et al.): one qubit per feature." },
    iqp: { description: "IQP encoding: H, RZ(x_i), RZZ(x_i x_j): one qubit per feature." },
    amplitude: { description: "Amplitude encoding: 2^n features on n qubits." },
  } as const,
});
const AnsatzKindEnum = builder.enumType("AnsatzKind", {
  values: {
    realAmplitudes: { description: "RY layers + CX: n(reps+1) weights." },
    efficientSU2: { description: "RY, RZ layers + CX: 2n(reps+1) weights." },
    stronglyEntangling: { description: "Rot(φ,θ,ω) layers + ranged CNOTs: 3n·reps weights." },
  } as const,
});
const EntanglementEnum = builder.enumType("Entanglement", { values: { linear: {}, ring: {}, full: {} } as const });
const RotationEnum = builder.enumType("Rotation", { values: { rx: {}, ry: {}, rz: {} } as const });
const ReadoutEnum = builder.enumType("Readout", {
  values: {
    softmax: { description: "Classifiers (default): logits s·⟨Z_k⟩ + b_k, one qubit per class." },
    parity: { description: "Binary classifiers: P(1) = (1 − ⟨Z…Z⟩)/2." },
    linear: { description: "Regressors (default): ŷ = Σ_k w_k⟨Z_k⟩ + b over every qubit, w and b trained with the circuit." },
    linearPairs: { description: "Regressors: linear, plus w'_k⟨Z_k Z_k+1⟩ on neighbouring qubits." },
    z0: { description: "Regressors: ŷ = s·⟨Z_0⟩ + b (the first regression readout)." },
  } as const,
});
const LossEnum = builder.enumType("Loss", {
  values: {
    crossEntropy: { description: "Classifiers (default)." },
    mse: { description: "Classifiers, or regressors (default)." },
    hinge: { description: "Classifiers." },
    huber: { description: "Regressors: squared within one standard deviation of the target, linear beyond (robust to outliers)." },
  } as const,
});

const ReductionKindEnum = builder.enumType("ReductionKind", {
  values: {
    pca: { description: "Principal component analysis on standardised features, fitted on the training split and stored with each version; explanations map back to your features." },
    none: { description: "Encode every feature (one qubit each), even past the default qubit budget." },
  } as const,
});

const ModelCircuitRef = builder.objectRef<ModelCircuitView>("ModelCircuit").implement({
  description: "The parameterised circuit the model runs (inputs in<k>, weights w<k>).",
  fields: (t) => ({
    numQubits: t.exposeInt("numQubits"),
    depth: t.exposeInt("depth"),
    gateCount: t.exposeInt("gateCount"),
    parameterCount: t.int({ description: "Symbols: data inputs and trained weights.", resolve: (c) => c.parameters.length }),
    diagram: t.string({
      args: { format: t.arg({ type: DiagramFormatEnum, required: true, defaultValue: "TEXT" }) },
      resolve: (c, { format }) => drawCircuit(c.circuit, format),
    }),
  }),
});

export const ModelVersionRef = builder.prismaNode("ModelVersion", {
  id: { field: "id" },
  description: "Trained parameters of a model. Immutable. Readable by whoever can read the model.",
  // The owner comes with the version (one joined query for a whole list, not one per version).
  include: { model: { select: { ownerId: true } } },
  authScopes: visibleWhen("ModelVersion", (v: { model: { ownerId: string | null } }, context) => canReadModel(v.model.ownerId, context.viewer?.id)),
  fields: (t) => ({
    number: t.exposeInt("number"),
    metrics: t.field({
      type: "JSONObject",
      description: "Test metrics of the model and of its classical baseline on the same split ({ test: { quantum, baseline, baselineName }, split }).",
      resolve: (v) => v.metrics as Record<string, unknown>,
    }),
    parameterCount: t.int({ resolve: (v) => v.params.length / 8 }),
    seed: t.exposeInt("seed"),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

export const ModelRef = builder.prismaNode("Model", {
  id: { field: "id" },
  description: "A quantum model: yours, or a shared base model everyone can use.",
  authScopes: visibleWhen("Model", (m: { ownerId: string | null }, context) => canReadModel(m.ownerId, context.viewer?.id)),
  fields: (t) => ({
    name: t.exposeString("name"),
    task: t.field({ type: ModelTaskEnum, resolve: (m) => m.task as "CLASSIFICATION" }),
    status: t.field({ type: ModelStatusEnum, resolve: (m) => m.status as "READY" }),
    shared: t.boolean({ description: "A base model shared with every user (read-only to them).", resolve: (m) => m.ownerId === null }),
    blueprint: t.field({ type: "JSONObject", description: "What the model was created from (task, encoding, ansatz, readout, ...).", resolve: (m) => m.blueprint as Record<string, unknown> }),
    numQubits: t.int({ resolve: (m) => modelQubits(m) }),
    description: t.string({ description: "The blueprint in words: what is encoded how, and any choice the defaults made (a reduction, the kernel's bandwidth).", resolve: (m) => describeModel(m) }),
    circuit: t.field({ type: ModelCircuitRef, resolve: (m) => modelCircuit(m) }),
    versions: t.relatedConnection("versions", { cursor: "id", query: { orderBy: [{ number: "desc" }] }, totalCount: true }),
    latestVersion: t.field({
      type: ModelVersionRef,
      nullable: true,
      select: { versions: { orderBy: { number: "desc" }, take: 1, include: { model: { select: { ownerId: true } } } } },
      resolve: (m) => m.versions[0] ?? null,
    }),
    createdAt: t.expose("createdAt", { type: "DateTime" }),
  }),
});

builder.queryField("models", (t) =>
  t.prismaConnection({
    type: "Model",
    cursor: "id",
    description: "Your models and the shared base models, newest first.",
    authScopes: { user: true },
    totalCount: (_parent, _args, context) => context.db.model.count({ where: { OR: [{ ownerId: context.viewer!.id }, { ownerId: null }] } }),
    resolve: (query, _root, _args, context) =>
      context.db.model.findMany({ ...query, where: { OR: [{ ownerId: context.viewer!.id }, { ownerId: null }] }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] }),
  }),
);

builder.queryField("model", (t) =>
  t.field({
    type: ModelRef,
    authScopes: { user: true },
    args: { id: t.arg.globalID({ required: true, for: ModelRef }) },
    errors: { types: [NotFoundError], directResult: true },
    resolve: (_root, { id }, context) => findReadableModel(context.db, context.viewer!.id, id.id),
  }),
);

const EncodingInput = builder.inputType("EncodingInput", {
  fields: (t) => ({
    kind: t.field({ type: EncodingKindEnum, required: true }),
    reps: t.int({ description: `1–${model.maxReps} (ZZ, IQP; default 2).` }),
    entanglement: t.field({ type: EntanglementEnum }),
    rotation: t.field({ type: RotationEnum, description: "Angle encoding's rotation (default ry)." }),
  }),
});
const AnsatzInput = builder.inputType("AnsatzInput", {
  fields: (t) => ({
    kind: t.field({ type: AnsatzKindEnum, required: true }),
    reps: t.int({ description: `1–${model.maxReps} (default 2).` }),
    entanglement: t.field({ type: EntanglementEnum }),
  }),
});

const ReduceInput = builder.inputType("ReduceInput", {
  description: "How features are reduced before they are encoded.",
  fields: (t) => ({
    kind: t.field({ type: ReductionKindEnum, required: true }),
    components: t.int({ description: `pca: components kept (one qubit each), 1 to the number of features and at most the task's qubits.` }),
  }),
});

const CreateModelInput = builder.inputType("CreateModelInput", {
  description:
    `A model blueprint. At most ${model.maxQubits} qubits (kernel models ${model.maxKernelQubits}): one per encoded feature (amplitude encoding: 2^n features on n). ` +
    `A table with more than ${model.defaultQubits} features is reduced by PCA onto ${model.defaultQubits} components unless \`reduce\` says otherwise.`,
  validate: createModelSchema,
  fields: (t) => ({
    name: t.string({ required: true, description: `${model.nameMinLength}–${model.nameMaxLength} characters.` }),
    task: t.field({ type: ModelTaskEnum, required: true }),
    numFeatures: t.int({ required: true, description: `Features per example (RECOMMENDATION: per user), 1–${model.maxFeatures}.` }),
    itemFeatures: t.int({ description: "RECOMMENDATION only: features per item." }),
    classes: t.stringList({ description: `Class names (classification), ${model.minClasses}–${model.maxClasses}.` }),
    encoding: t.field({ type: EncodingInput, description: "Default: angle (ZZ for kernel models)." }),
    ansatz: t.field({ type: AnsatzInput, description: "Default: realAmplitudes, reps 2." }),
    readout: t.field({ type: ReadoutEnum, description: "Default: softmax (classifiers), linear (regressors)." }),
    loss: t.field({ type: LossEnum, description: "Default: crossEntropy (classifiers), mse (regressors; early stopping watches validation R² either way)." }),
    reupload: t.boolean({ description: "Data re-uploading (CLASSIFICATION, REGRESSION): the encoding again before each ansatz layer. Default false." }),
    featureRange: t.floatList({ description: "[low, high] the features are scaled onto (default [0, π]; kernel models [0, 1])." }),
    regularization: t.float({ description: "Kernel ridge λ (default 0.1; with an automatic bandwidth, chosen with it)." }),
    reduce: t.field({
      type: ReduceInput,
      description: `Feature reduction. Default: none, or PCA onto ${model.defaultQubits} components for a table wider than that (said in the model's description).`,
    }),
    falsePositiveRate: t.float({ description: "ANOMALY_DETECTION: the share of normal rows the threshold may flag, 0.001–0.5 (default 0.05)." }),
    bandwidth: t.float({
      description:
        "KERNEL_CLASSIFICATION and ANOMALY_DETECTION: a factor (0–10] on the encoding angles. Default: chosen on the validation split from " +
        `{${KERNEL_BANDWIDTHS.join(", ")}}: with λ {${KERNEL_REGULARIZATIONS.join(", ")}} by accuracy for classifiers (metrics.kernel), by ROC-AUC for anomaly detectors (metrics.anomaly).`,
    }),
  }),
});

const CreateModelPayload = builder.objectRef<{ model: ModelRecord }>("CreateModelPayload").implement({
  fields: (t) => ({ model: t.field({ type: ModelRef, resolve: (p) => p.model }) }),
});
const DeleteModelPayload = builder.objectRef<{ deletedId: string }>("DeleteModelPayload").implement({
  fields: (t) => ({ deletedId: t.exposeID("deletedId") }),
});

builder.mutationField("createModel", (t) =>
  t.field({
    type: CreateModelPayload,
    authScopes: { user: true },
    args: { input: t.arg({ type: CreateModelInput, required: true }) },
    errors: { directResult: true },
    resolve: async (_root, { input }, context) => ({ model: await createModel(context.db, context.viewer!.id, input as Parameters<typeof createModel>[2]) }),
  }),
);

builder.mutationField("deleteModel", (t) =>
  t.field({
    type: DeleteModelPayload,
    description: "Deletes one of your models with its versions, jobs, personal parameters and predictions.",
    authScopes: { user: true },
    args: { id: t.arg.globalID({ required: true, for: ModelRef }) },
    errors: { types: [NotFoundError], directResult: true },
    resolve: async (_root, { id }, context) => ({ deletedId: encodeGlobalID("Model", (await deleteModel(context.db, context.viewer!.id, id.id)).id) }),
  }),
);
