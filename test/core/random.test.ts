// Seeded randomness: the reference vector of xoshiro128**, golden values for our seeding, and
// checkpoints that continue exactly.
import { describe, expect, it } from "vitest";
import { Rng } from "../../core/index.ts";

describe("Rng", () => {
  it("is xoshiro128**: the reference outputs from state {1, 2, 3, 4}", () => {
    const rng = new Rng([1, 2, 3, 4]);
    expect(Array.from({ length: 6 }, () => rng.nextUint32())).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492]);
  });

  it("gives the same numbers for a seed on every machine (golden values)", () => {
    const rng = new Rng(42);
    expect(Array.from({ length: 4 }, () => rng.nextUint32())).toEqual([2837322924, 544945897, 479756282, 3500138142]);
    expect(new Rng(42).nextFloat()).toBe(0.6606157208001621);
    expect(new Rng(2 ** 40 + 7).nextUint32()).toBe(1606920336);
  });

  it("continues exactly from a saved state", () => {
    const a = new Rng(7);
    for (let i = 0; i < 10; i++) a.nextFloat();
    const b = new Rng(a.state());
    expect(Array.from({ length: 5 }, () => b.nextFloat())).toEqual(Array.from({ length: 5 }, () => a.nextFloat()));
  });

  it("floats are in [0, 1), normals have mean 0 and variance 1", () => {
    const rng = new Rng(3);
    let sum = 0, squares = 0;
    for (let i = 0; i < 20_000; i++) {
      const u = rng.nextFloat();
      expect(u >= 0 && u < 1).toBe(true);
      const z = rng.nextNormal();
      sum += z;
      squares += z * z;
    }
    expect(Math.abs(sum / 20_000)).toBeLessThan(0.03);
    expect(Math.abs(squares / 20_000 - 1)).toBeLessThan(0.05);
  });

  it("refuses a seed that is not a safe integer", () => {
    expect(() => new Rng(0.5)).toThrow(/safe integer/);
  });
});
