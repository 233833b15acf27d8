// Every catalog gate: unitary for any parameters, exact derivatives, and inverses that undo it.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { gateDefinition, standardGateNames, unitarityError } from "../../core/index.ts";
import { adjoint, identity, multiply } from "../../core/gates/matrix.ts";

const angle = fc.double({ min: -10, max: 10, noNaN: true });
const maxAbsDiff = (a: Float64Array, b: Float64Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe("standard gates", () => {
  for (const name of standardGateNames()) {
    const def = gateDefinition(name)!;
    it(`${name}: U·U† = I for any parameters`, () => {
      fc.assert(
        fc.property(fc.array(angle, { minLength: def.numParams, maxLength: def.numParams }), (params) => {
          expect(unitarityError(def.matrix(params))).toBeLessThan(1e-12);
        }),
        { seed: 1, numRuns: def.numParams ? 50 : 1 },
      );
    });

    if (def.numParams > 0) {
      it(`${name}: derivative matches central finite differences`, () => {
        fc.assert(
          fc.property(fc.array(angle, { minLength: def.numParams, maxLength: def.numParams }), (params) => {
            for (let k = 0; k < def.numParams; k++) {
              const h = 1e-6;
              const plus = def.matrix(params.map((p, j) => (j === k ? p + h : p)));
              const minus = def.matrix(params.map((p, j) => (j === k ? p - h : p)));
              const numeric = plus.map((v, i) => (v - minus[i]!) / (2 * h));
              expect(maxAbsDiff(def.derivative!(params, k), numeric)).toBeLessThan(1e-8);
            }
          }),
          { seed: 2, numRuns: 30 },
        );
      });
    }

    it(`${name}: its inverse undoes it`, () => {
      const params = Array.from({ length: def.numParams }, (_, k) => 0.3 + 0.7 * k);
      const u = def.matrix(params);
      const inverse = def.inverse
        ? gateDefinition(def.inverse(params).gate)!.matrix(def.inverse(params).params as number[])
        : adjoint(u);
      expect(maxAbsDiff(multiply(inverse, u), identity(1 << def.numQubits))).toBeLessThan(1e-12);
    });
  }

  it("aliases resolve to the same gate", () => {
    expect(gateDefinition("u1")).toBe(gateDefinition("p"));
    expect(gateDefinition("u")).toBe(gateDefinition("u3"));
    expect(gateDefinition("cu1")).toBe(gateDefinition("cp"));
    expect(gateDefinition("nope")).toBeUndefined();
  });

  it("uses Qiskit's little-endian matrices (cx: control is local qubit 0)", () => {
    const cx = gateDefinition("cx")!.matrix([]);
    const entry = (r: number, c: number) => cx[2 * (r * 4 + c)];
    expect([entry(0, 0), entry(1, 3), entry(2, 2), entry(3, 1)]).toEqual([1, 1, 1, 1]);
  });
});
