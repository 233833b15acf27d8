// Global ids taken as plain ID arguments: the database id when the global id names the expected
// type; anything else (another type, not a global id at all) cannot name an object of the caller's.
import { decodeGlobalID } from "@pothos/plugin-relay";
import { NotFoundError } from "../services/index.ts";

export function localId(globalId: string, typename: string): string {
  try {
    const { typename: named, id } = decodeGlobalID(globalId);
    if (named === typename) return id;
  } catch {
    // not a global id: fall through
  }
  throw new NotFoundError(typename, globalId);
}
