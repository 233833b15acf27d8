// Number fields of API inputs, with the same words everywhere: "must be a whole number",
// "must be between low and high".
import * as z from "zod";

export const between = (min: number, max: number) => ({ error: `must be between ${min} and ${max}` });

/** A whole number in [min, max]. */
export const int = (min: number, max: number) => z.number().int({ error: "must be a whole number" }).min(min, between(min, max)).max(max, between(min, max));
