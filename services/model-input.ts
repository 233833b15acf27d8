// What valid model, dataset, training and inference requests look like, as schemas built from
// the documented limits. Cross-field rules (qubits, classes vs readout) are checked here too, so
// every problem comes back at once with its path.
import * as z from "zod";
import { limits } from "../config/index.ts";
import type { Blueprint } from "../ml/index.ts";
import { blueprintQubits, hasClasses, usesFidelityKernel } from "../ml/index.ts";
import { noiseSchema } from "./circuit-input.ts";
import { between, int } from "./number-input.ts";
import { nameText } from "./text.ts";

const { model, dataset, training, inference } = limits;
const value = z.number().min(-dataset.maxAbsValue, between(-dataset.maxAbsValue, dataset.maxAbsValue)).max(dataset.maxAbsValue, between(-dataset.maxAbsValue, dataset.maxAbsValue));

export const nameSchema = (bounds: { nameMinLength: number; nameMaxLength: number }) => nameText(bounds.nameMinLength, bounds.nameMaxLength);
const className = nameText(1, model.classNameMaxLength, model.classNameMaxLength * 4);

const entanglement = z.enum(["linear", "ring", "full"]);

export const createModelSchema = z
  .object({
    name: nameSchema(model),
    task: z.enum(["CLASSIFICATION", "REGRESSION", "KERNEL_CLASSIFICATION", "RECOMMENDATION", "ANOMALY_DETECTION"]),
    numFeatures: int(1, model.maxFeatures),
    itemFeatures: int(1, model.maxFeatures).nullish(),
    classes: z
      .array(className)
      .max(model.maxClasses, { error: `must have at most ${model.maxClasses} classes` })
      .nullish(),
    encoding: z
      .object({
        kind: z.enum(["angle", "zz", "iqp", "amplitude"]),
        reps: int(1, model.maxReps).nullish(),
        entanglement: entanglement.nullish(),
        rotation: z.enum(["rx", "ry", "rz"]).nullish(),
      })
      .nullish(),
    ansatz: z
      .object({
        kind: z.enum(["realAmplitudes", "efficientSU2", "stronglyEntangling"]),
        reps: int(1, model.maxReps).nullish(),
        entanglement: entanglement.nullish(),
      })
      .nullish(),
    readout: z.enum(["softmax", "parity", "linear", "linearPairs", "z0"]).nullish(),
    loss: z.enum(["crossEntropy", "mse", "hinge", "huber"]).nullish(),
    reupload: z.boolean().nullish(),
    featureRange: z.tuple([value, value], { error: "must be two numbers [low, high]" }).nullish(),
    regularization: z.number().gt(0, { error: "must be greater than 0" }).max(100, { error: "must be at most 100" }).nullish(),
    reduce: z
      .object({
        kind: z.enum(["pca", "none"]),
        components: int(1, model.maxKernelQubits).nullish(),
      })
      .nullish(),
    bandwidth: z.number().gt(0, { error: "must be greater than 0" }).max(10, { error: "must be at most 10" }).nullish(),
    falsePositiveRate: z.number().min(0.001, between(0.001, 0.5)).max(0.5, between(0.001, 0.5)).nullish(),
  })
  .superRefine((input, ctx) => {
    const issue = (path: string[], message: string) => ctx.addIssue({ code: "custom", path, message });
    const anomaly = input.task === "ANOMALY_DETECTION";
    const classifies = hasClasses(input.task);
    const classes = input.classes ?? [];
    if (anomaly && classes.length !== 2) issue(["classes"], "an anomaly detector has exactly 2 classes: the normal class, then the anomaly class (e.g. [\"normal\", \"fraud\"])");
    if (input.falsePositiveRate != null && !anomaly) issue(["falsePositiveRate"], "only anomaly detectors have a false-positive rate");
    if (classifies && classes.length < model.minClasses) issue(["classes"], `a ${input.task.toLowerCase().replace("_", " ")} model needs at least ${model.minClasses} class names`);
    if (classifies && new Set(classes).size !== classes.length) issue(["classes"], "must be distinct");
    if (!classifies && input.classes?.length) issue(["classes"], `only classification tasks have classes`);
    if (input.task === "RECOMMENDATION" && input.itemFeatures == null) issue(["itemFeatures"], "a recommendation model needs the number of item features");
    if (input.task !== "RECOMMENDATION" && input.itemFeatures != null) issue(["itemFeatures"], "only recommendation models have item features");
    const regression = input.task === "REGRESSION";
    if (input.readout && regression !== ["linear", "linearPairs", "z0"].includes(input.readout)) {
      issue(["readout"], regression ? "a regressor reads out linear, linearPairs or z0" : `${input.readout} is a regressor's readout; classifiers read out softmax or parity`);
    }
    if (input.loss && regression && !["mse", "huber"].includes(input.loss)) issue(["loss"], "a regressor trains with mse or huber");
    if (input.loss === "huber" && !regression) issue(["loss"], "huber is a regressor's loss; classifiers train with crossEntropy, mse or hinge");
    if (input.reupload && input.task !== "CLASSIFICATION" && !regression) issue(["reupload"], "re-uploading is for variational classifiers and regressors");
    if (input.readout === "parity" && classes.length !== 2) issue(["readout"], "the parity readout is for exactly 2 classes");
    if (input.readout === "parity" && input.loss && input.loss !== "crossEntropy") issue(["loss"], "the parity readout trains with crossEntropy");
    if (input.task === "RECOMMENDATION" && input.encoding && input.encoding.kind !== "angle") issue(["encoding", "kind"], "recommendation models angle-encode users and items");
    if (input.featureRange && !(input.featureRange[0] < input.featureRange[1])) issue(["featureRange"], "low must be below high");
    if (input.reduce?.kind === "pca") {
      const components = input.reduce.components;
      if (components == null) issue(["reduce", "components"], "a PCA reduction needs the number of components to keep");
      else if (components > input.numFeatures) issue(["reduce", "components"], `must be at most the number of features (${input.numFeatures})`);
      if (input.task === "RECOMMENDATION") issue(["reduce"], "recommendation models encode users and items as they are; reduce their features before adding them");
    }
    if (input.reduce?.kind === "none" && input.reduce.components != null) issue(["reduce", "components"], "only a PCA reduction keeps components");
    const kernel = usesFidelityKernel(input.task);
    if (input.bandwidth != null && !kernel) issue(["bandwidth"], "the bandwidth is a kernel model's (omit it: kernel models choose it on the validation split)");
    if (anomaly && (input.ansatz || input.readout || input.loss || input.reupload)) issue(["task"], "an anomaly detector is a kernel density: it has no ansatz, readout, loss or re-uploading");
    const qubits = blueprintQubits(toBlueprint(input));
    const maxQubits = kernel ? model.maxKernelQubits : model.maxQubits;
    if (qubits > maxQubits) {
      issue(input.reduce?.kind === "pca" ? ["reduce", "components"] : ["numFeatures"], `needs ${qubits} qubits; ${kernel ? "kernel models" : "these models"} take at most ${maxQubits} (reduce: { kind: pca, components: ${Math.min(maxQubits, model.defaultQubits)} }, fewer features, or amplitude encoding)`);
    }
    if (input.task === "CLASSIFICATION" && (input.readout ?? "softmax") === "softmax" && classes.length > qubits) {
      issue(["classes"], `a softmax readout reads one qubit per class: ${classes.length} classes need ${classes.length} qubits, the model has ${qubits}`);
    }
  });

export type CreateModelInput = z.input<typeof createModelSchema>;

/**
 * The blueprint for a validated createModel input, defaults filled in. A table wider than the
 * default qubit budget (model.defaultQubits, one qubit per feature) is reduced by PCA onto that
 * many components unless the input says how to reduce it (or `reduce: { kind: none }`).
 */
export function toBlueprint(input: CreateModelInput): Blueprint {
  const kernel = usesFidelityKernel(input.task);
  const encodingKind = input.encoding?.kind ?? (kernel ? "zz" : "angle");
  const widerThanDefault = input.task !== "RECOMMENDATION" && encodingKind !== "amplitude" && input.numFeatures > model.defaultQubits;
  const reduce: Blueprint["reduce"] =
    input.reduce?.kind === "pca" && input.reduce.components != null ? { kind: "pca", components: input.reduce.components, chosenBy: "user" }
      : input.reduce == null && widerThanDefault ? { kind: "pca", components: model.defaultQubits, chosenBy: "default" }
        : undefined;
  return {
    version: 1,
    task: input.task,
    numFeatures: input.numFeatures,
    itemFeatures: input.itemFeatures ?? null,
    classes: (input.classes ?? []).map((c) => c.trim()),
    encoding: {
      kind: encodingKind,
      reps: input.encoding?.reps ?? 2,
      entanglement: input.encoding?.entanglement ?? "linear",
      rotation: input.encoding?.rotation ?? "ry",
    },
    ansatz: {
      kind: input.ansatz?.kind ?? "realAmplitudes",
      reps: input.ansatz?.reps ?? 2,
      entanglement: input.ansatz?.entanglement ?? (input.task === "RECOMMENDATION" ? "ring" : "linear"),
    },
    readout: input.readout ?? (input.task === "REGRESSION" ? "linear" : "softmax"),
    loss: input.loss ?? (input.task === "REGRESSION" ? "mse" : "crossEntropy"),
    ...(input.reupload ? { reupload: true } : {}),
    featureRange: (input.featureRange as [number, number] | null | undefined) ?? (kernel ? [0, 1] : [0, Math.PI]),
    regularization: input.regularization ?? 0.1,
    ...(reduce ? { reduce } : {}),
    ...(kernel ? { bandwidth: input.bandwidth ?? "auto" } : {}),
    ...(input.task === "ANOMALY_DETECTION" ? { falsePositiveRate: input.falsePositiveRate ?? 0.05 } : {}),
  };
}

export const hyperparametersSchema = z.object({
  epochs: int(1, training.maxEpochs).nullish(),
  batchSize: int(1, training.maxBatchSize).nullish(),
  learningRate: z.number().gt(0, { error: "must be greater than 0" }).max(1, { error: "must be at most 1" }).nullish(),
  optimizer: z.enum(["adam", "sgd", "spsa"]).nullish(),
  gradient: z.enum(["adjoint", "parameterShift"]).nullish(),
  shots: int(0, training.maxShots).nullish(),
  patience: int(1, training.maxPatience).nullish(),
  seed: int(0, limits.maxSeed).nullish(),
  testFraction: z.number().min(0.1, between(0.1, 0.5)).max(0.5, between(0.1, 0.5)).nullish(),
  validationFraction: z.number().min(0, between(0, 0.5)).max(0.5, between(0, 0.5)).nullish(),
  noise: noiseSchema.nullish(),
});

export type Hyperparameters = z.input<typeof hyperparametersSchema>;

export const exampleFeaturesSchema = z.array(value).max(model.maxFeatures * 2, { error: `must have at most ${model.maxFeatures * 2} values` });

/** An item's name in feedback and candidates. */
export const itemNameSchema = nameText(1, limits.text.itemMaxLength, limits.text.itemMaxBytes);

export const exampleSchema = z.object({ features: exampleFeaturesSchema, label: z.union([z.string(), z.number()]) });

export const predictOptionsSchema = z.object({
  shots: int(0, inference.maxShots).nullish(),
  seed: int(0, limits.maxSeed).nullish(),
  explain: z.boolean().nullish(),
  store: z.boolean().nullish(),
  noise: noiseSchema.nullish(),
});

export const createDatasetSchema = z
  .object({
    name: nameSchema(dataset),
    kind: z.enum(["CLASSIFICATION", "REGRESSION", "RATINGS"]),
    numFeatures: int(1, model.maxFeatures * 2),
    classes: z
      .array(className)
      .max(model.maxClasses, { error: `must have at most ${model.maxClasses} classes` })
      .nullish(),
  })
  .superRefine((input, ctx) => {
    const classes = input.classes ?? [];
    if (input.kind === "CLASSIFICATION" && classes.length < model.minClasses) ctx.addIssue({ code: "custom", path: ["classes"], message: `a classification dataset needs at least ${model.minClasses} class names` });
    if (input.kind !== "CLASSIFICATION" && classes.length) ctx.addIssue({ code: "custom", path: ["classes"], message: "only classification datasets have classes" });
    if (new Set(classes).size !== classes.length) ctx.addIssue({ code: "custom", path: ["classes"], message: "must be distinct" });
  });

export const csvSchema = z
  .string()
  .refine((text) => Buffer.byteLength(text, "utf8") <= dataset.maxCsvBytes, { error: `must be at most ${dataset.maxCsvBytes} bytes` });
