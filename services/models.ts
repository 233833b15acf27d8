// Models: create from a blueprint, read (your own, or a shared base model), delete, and the
// facts derived from them (the circuit they run). Private models are invisible to others:
// asking for one is "not found", as for anything that does not exist.
import type { Circuit } from "../core/index.ts";
import { blueprintCircuit, blueprintQubits, type Blueprint } from "../ml/index.ts";
import { circuitFacts } from "./circuits.ts";
import type { Db } from "./db.ts";
import { requireOwned, requireReadableModel } from "./ownership.ts";
import { toBlueprint, type CreateModelInput } from "./model-input.ts";
import { checkQuota, createUnderQuota } from "./quotas.ts";
import { recountStoredRows } from "./prediction-storage.ts";

export type ModelRecord = Awaited<ReturnType<Db["model"]["findUniqueOrThrow"]>>;
export type ModelVersionRecord = Awaited<ReturnType<Db["modelVersion"]["findUniqueOrThrow"]>>;

export async function createModel(db: Db, ownerId: string | null, input: CreateModelInput): Promise<ModelRecord> {
  const blueprint = toBlueprint(input);
  return createUnderQuota(
    db,
    ownerId,
    async (tx) => checkQuota("models", await tx.model.count({ where: { ownerId } })),
    (tx) => tx.model.create({ data: { ownerId, name: input.name.trim(), task: blueprint.task, blueprint: blueprint as object } }),
  );
}

/** A model the user may read and use: their own, or a shared base model. */
export async function findReadableModel(db: Db, userId: string, id: string): Promise<ModelRecord> {
  return requireReadableModel(await db.model.findUnique({ where: { id } }), userId, id);
}

/** A readable model and its latest version (null before training), in one database call: the serving path. */
export async function findReadableModelToServe(db: Db, userId: string, id: string): Promise<{ record: ModelRecord; version: OwnedModelVersion | null }> {
  const found = await db.model.findUnique({ where: { id }, include: { versions: { orderBy: { number: "desc" }, take: 1 } } });
  const { versions, ...record } = requireReadableModel(found, userId, id);
  return { record, version: versions[0] ? { ...versions[0], model: { ownerId: record.ownerId } } : null };
}

/** A model the user may change (train, delete): their own only. */
export async function findOwnModel(db: Db, userId: string, id: string): Promise<ModelRecord> {
  return requireOwned(await db.model.findUnique({ where: { id } }), userId, "Model", id);
}

export async function deleteModel(db: Db, userId: string, id: string): Promise<ModelRecord> {
  const record = await findOwnModel(db, userId, id);
  await db.model.delete({ where: { id: record.id } });
  await recountStoredRows(db, userId); // its versions' predictions went with it
  return record;
}

export function modelBlueprint(record: ModelRecord): Blueprint {
  return record.blueprint as unknown as Blueprint;
}

export function modelQubits(record: ModelRecord): number {
  return blueprintQubits(modelBlueprint(record));
}

/** A version with its model's owner (what deciding who may read it needs). */
export type OwnedModelVersion = ModelVersionRecord & { model: { ownerId: string | null } };

/** The circuit a model runs and its facts, built once per request that asks for them. */
export type ModelCircuitView = ReturnType<typeof circuitFacts> & { circuit: Circuit };

export function modelCircuit(record: ModelRecord): ModelCircuitView {
  const circuit = blueprintCircuit(modelBlueprint(record));
  return { ...circuitFacts(circuit), circuit };
}

/** A version with its model's owner (what the ModelVersion type needs to decide who may read it). */
export async function findModelVersion(db: Db, id: string): Promise<OwnedModelVersion> {
  return db.modelVersion.findUniqueOrThrow({ where: { id }, include: { model: { select: { ownerId: true } } } });
}
