// Who may see what. Private objects are their owner's alone; shared models (no owner) are
// everyone's to read and use. Anything the caller may not see is reported exactly like a missing
// object, so an id never reveals that something exists.
import { NotFoundError } from "./errors.ts";

/** A model is readable by its owner, and by everyone when it is shared (ownerId null). */
export function canReadModel(ownerId: string | null, userId: string | undefined): boolean {
  return ownerId === null || ownerId === userId;
}

/** The record when `ownerId` owns it; otherwise NotFoundError(what, id). */
export function requireOwned<T extends { ownerId: string | null }>(record: T | null, ownerId: string, what: string, id: string): T {
  if (!record || record.ownerId !== ownerId) throw new NotFoundError(what, id);
  return record;
}

/** The model record when `userId` may read it (its own, or shared); otherwise NotFoundError. */
export function requireReadableModel<T extends { ownerId: string | null }>(record: T | null, userId: string, id: string): T {
  if (!record || !canReadModel(record.ownerId, userId)) throw new NotFoundError("Model", id);
  return record;
}
