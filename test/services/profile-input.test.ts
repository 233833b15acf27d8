// Profile limits at their edges, and the validators' robustness on arbitrary input.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { limits } from "../../config/index.ts";
import { newUserSchema, profileChangesSchema } from "../../services/index.ts";

const { profile } = limits;
const issuesOf = (input: unknown) => {
  const result = newUserSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
};

describe("profile limits", () => {
  it("displayName: trimmed, 1 to 80 characters", () => {
    expect(issuesOf({ displayName: "a".repeat(profile.displayNameMaxLength) })).toEqual([]);
    expect(issuesOf({ displayName: "a".repeat(profile.displayNameMaxLength + 1) })).toEqual([
      { path: "displayName", message: "must be at most 80 characters" },
    ]);
    expect(issuesOf({ displayName: "   " })[0]?.message).toMatch(/must not be empty/);
    expect(newUserSchema.parse({ displayName: "  Ada  " }).displayName).toBe("Ada");
  });

  it("features: at most 256 values within ±1e6", () => {
    const max = profile.featureMaxAbs;
    expect(issuesOf({ displayName: "x", features: Array(profile.featuresMaxLength).fill(max) })).toEqual([]);
    expect(issuesOf({ displayName: "x", features: [-max, max] })).toEqual([]);
    expect(issuesOf({ displayName: "x", features: Array(profile.featuresMaxLength + 1).fill(0) })).toEqual([
      { path: "features", message: "must have at most 256 values" },
    ]);
    expect(issuesOf({ displayName: "x", features: [0, max * 1.000001] })).toEqual([
      { path: "features.1", message: "must be between -1000000 and 1000000" },
    ]);
  });

  it("preferences: at most 16384 bytes of JSON and 8 levels deep", () => {
    // {"k":"…"} is 8 bytes of JSON around the string.
    const atLimit = { k: "x".repeat(profile.preferencesMaxBytes - 8) };
    expect(JSON.stringify(atLimit).length).toBe(profile.preferencesMaxBytes);
    expect(issuesOf({ displayName: "x", preferences: atLimit })).toEqual([]);
    expect(issuesOf({ displayName: "x", preferences: { k: "x".repeat(profile.preferencesMaxBytes - 7) } })).toEqual([
      { path: "preferences", message: "must be at most 16384 bytes as JSON" },
    ]);
    const nest = (depth: number): Record<string, unknown> => (depth === 1 ? { leaf: 1 } : { next: nest(depth - 1) });
    expect(issuesOf({ displayName: "x", preferences: nest(profile.preferencesMaxDepth) })).toEqual([]);
    expect(issuesOf({ displayName: "x", preferences: nest(profile.preferencesMaxDepth + 1) })).toEqual([
      { path: "preferences", message: "must be nested at most 8 levels deep" },
    ]);
  });

  it("reports every problem at once", () => {
    expect(issuesOf({ displayName: "", features: [1e9] }).map((i) => i.path)).toEqual(["displayName", "features.0"]);
  });

  it("never throws, whatever it is given", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(() => profileChangesSchema.safeParse(input)).not.toThrow();
        expect(() => newUserSchema.safeParse({ displayName: "x", preferences: input, features: input })).not.toThrow();
      }),
      { seed: 20261124, numRuns: 500 },
    );
  });
});
