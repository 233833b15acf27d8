// A request's work budget: every resolver of one GraphQL operation charges the work it is about
// to do (amplitude updates, or their equivalent) before doing it, against one shared total, so
// aliases and lists cannot multiply a per-field limit. One unit is about a nanosecond of one core.
import { limits } from "../config/index.ts";
import { BudgetExceededError } from "./errors.ts";

export class RequestBudget {
  private spentUnits = 0;

  constructor(readonly limit: number = limits.request.maxWork) {}

  get spent(): number {
    return this.spentUnits;
  }

  get remaining(): number {
    return Math.max(0, this.limit - this.spentUnits);
  }

  /** Reserves `units` for `what`, or throws BudgetExceededError (nothing is reserved then). */
  charge(units: number, what: string, path: string[]): void {
    if (!this.tryCharge(units)) throw new BudgetExceededError(what, path, units, this.remaining, this.limit);
  }

  /** Reserves `units` when they fit; false (and nothing reserved) when they do not. */
  tryCharge(units: number): boolean {
    if (!(units >= 0) || this.spentUnits + units > this.limit) return false;
    this.spentUnits += units;
    return true;
  }
}

/** A budget for work outside any request (workers, scripts): only the per-call limits apply. */
export function unlimitedBudget(): RequestBudget {
  return new RequestBudget(Number.POSITIVE_INFINITY);
}

/** What work that is not amplitude updates costs, in the same units (measured on this engine). */
export const workUnits = {
  /** Reading OpenQASM: ~0.6 µs per source byte (50,000 operations, 760 KB: 450 ms). */
  parsePerByte: 600,
  /** Drawing a circuit: ~7 µs per operation as text, ~3.5 µs as SVG. */
  drawPerOperation: 10_000,
  /** Writing a circuit as OpenQASM: ~1 µs per operation. */
  writePerOperation: 1_000,
  /** A training burst run inline: its wall-clock budget. */
  perMillisecond: 1_000_000,
} as const;
