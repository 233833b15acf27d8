// Feature reduction and kernel bandwidth in ml/: PCA's invariants (orthonormal axes, centred
// scores, variance shares in order), its exact backward map, the eigen solver under it, the
// kernel-target alignment at its ends, and the bandwidth grid on the public Wine table.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FeatureScaler, kernelAlignment, Pca, QuantumKernelClassifier, selectKernel, stratifiedSplit, symmetricEigen, VariationalClassifier, KERNEL_BANDWIDTHS, KERNEL_REGULARIZATIONS } from "../../ml/index.ts";
import { publicTable } from "../support/csv.ts";

const table = (rows: number, width: number) => fc.array(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: width, maxLength: width }), { minLength: rows, maxLength: rows });

describe("symmetricEigen", () => {
  it("gives A·v = λ·v with orthonormal vectors and descending values", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 7 }).chain((n) => fc.tuple(fc.constant(n), fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: n * n, maxLength: n * n }))), ([n, values]) => {
        const a = new Float64Array(n * n);
        for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] = (values[i * n + j]! + values[j * n + i]!) / 2;
        const { values: lambda, vectors } = symmetricEigen(a, n);
        for (let r = 0; r < n; r++) {
          if (r > 0) expect(lambda[r]!).toBeLessThanOrEqual(lambda[r - 1]! + 1e-9);
          for (let i = 0; i < n; i++) {
            let av = 0;
            for (let j = 0; j < n; j++) av += a[i * n + j]! * vectors[r * n + j]!;
            expect(av).toBeCloseTo(lambda[r]! * vectors[r * n + i]!, 8);
          }
          for (let s = 0; s < n; s++) {
            let dot = 0;
            for (let j = 0; j < n; j++) dot += vectors[r * n + j]! * vectors[s * n + j]!;
            expect(dot).toBeCloseTo(r === s ? 1 : 0, 9);
          }
        }
      }),
      { seed: 13, numRuns: 60 },
    );
  });
});

describe("PCA", () => {
  it("keeps orthonormal axes, centred scores and variance shares in decreasing order that sum to at most 1", () => {
    fc.assert(
      fc.property(table(12, 5), fc.integer({ min: 1, max: 5 }), (rows, k) => {
        const pca = Pca.fit(rows, k);
        const { components, explainedVariance } = pca.spec;
        components.forEach((a, i) => components.forEach((b, j) => expect(a.reduce((s, x, m) => s + x * b[m]!, 0)).toBeCloseTo(i === j ? 1 : 0, 8)));
        explainedVariance.forEach((v, i) => i > 0 && expect(v).toBeLessThanOrEqual(explainedVariance[i - 1]! + 1e-12));
        expect(explainedVariance.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1 + 1e-9);
        for (let c = 0; c < k; c++) expect(rows.reduce((s, row) => s + pca.transform(row)[c]!, 0) / rows.length).toBeCloseTo(0, 6);
      }),
      { seed: 5, numRuns: 50 },
    );
  });

  it("passes gradients back exactly: backpropagate is the transpose of its Jacobian (the scaler's too)", () => {
    fc.assert(
      fc.property(table(10, 6), fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }), (rows, dOut) => {
        const scaler = FeatureScaler.fit(rows, 0, Math.PI, { kind: "pca", components: 3 });
        expect(scaler.inputWidth).toBe(6);
        expect(scaler.numFeatures).toBe(3);
        const x = rows[0]!, back = scaler.backpropagate(dOut), h = 1e-4;
        // ⟨dOut, J e_j⟩ by central differences equals (Jᵀ dOut)_j, the scaler being affine.
        for (let j = 0; j < 6; j++) {
          const plus = [...x], minus = [...x];
          plus[j]! += h;
          minus[j]! -= h;
          const yp = scaler.transform(plus), ym = scaler.transform(minus);
          const directional = dOut.reduce((s, g, c) => s + (g * (yp[c]! - ym[c]!)) / (2 * h), 0);
          expect(back[j]!).toBeCloseTo(directional, 5);
        }
      }),
      { seed: 8, numRuns: 40 },
    );
  });

  it("refuses more components than features, and survives a constant column", () => {
    expect(() => Pca.fit([[1, 2], [3, 4]], 3)).toThrow("a reduction keeps between 1 and 2 components");
    const pca = Pca.fit([[1, 5, 2], [2, 5, 4], [3, 5, 7]], 2);
    expect(pca.spec.scale[1]).toBe(1);
    expect(Array.from(pca.transform([2, 5, 4])).every(Number.isFinite)).toBe(true);
  });

  it("a classifier on a reduced table explains every original feature, and its spec round-trips", () => {
    const { table: wine } = publicTable("wine");
    const model = VariationalClassifier.create(wine.rows, { classes: wine.classes, reduce: { kind: "pca", components: 4 } });
    expect(model.quantum.numQubits).toBe(4);
    const params = model.initialParams(3);
    const gradient = model.quantum.featureGradient(wine.rows[0]!, new Float64Array(model.quantum.encoding.numInputs).fill(1));
    expect(gradient).toHaveLength(13);
    const again = new VariationalClassifier(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(again.probabilities(params, wine.rows.slice(0, 3)))).toEqual(Array.from(model.probabilities(params, wine.rows.slice(0, 3))));
  });
});

describe("kernel alignment and bandwidth", () => {
  it("alignment is 1 for the ideal kernel and about 0 for one that ignores the labels", () => {
    const labels = [0, 0, 1, 1, 2, 2], n = labels.length;
    const ideal = Float64Array.from({ length: n * n }, (_, k) => (labels[Math.floor(k / n)] === labels[k % n] ? 1 : 0));
    expect(kernelAlignment(ideal, n, labels, 3)).toBeCloseTo(1, 12);
    const constant = new Float64Array(n * n).fill(1);
    expect(kernelAlignment(constant, n, labels, 3)).toBe(0);
  });

  it("the grid picks the cell with the best validation accuracy; on Wine a narrow bandwidth beats the unscaled angles", () => {
    const { table: wine } = publicTable("wine");
    const split = stratifiedSplit(wine, { test: 0.2, validation: 0.2 }, 0);
    const selection = selectKernel(split.train, split.validation, { classes: wine.classes, featureRange: [0, 1], reduce: { kind: "pca", components: 6 } }, 60);
    expect(selection.grid).toHaveLength(KERNEL_BANDWIDTHS.length * KERNEL_REGULARIZATIONS.length);
    expect(selection.trainRows).toBe(60);
    const best = selection.grid.find((c) => c.bandwidth === selection.bandwidth && c.regularization === selection.regularization)!;
    expect(best.accuracy).toBe(Math.max(...selection.grid.map((c) => c.accuracy)));
    const atOne = Math.max(...selection.grid.filter((c) => c.bandwidth === 1).map((c) => c.accuracy));
    expect(best.accuracy).toBeGreaterThan(atOne); // Shaydulin & Wild: the unscaled kernel concentrates
    expect(selection.bandwidth).toBeLessThan(1);
    // The chosen bandwidth is the scaler's range, and the fitted model reports it with its alignment.
    const { model } = QuantumKernelClassifier.fit(split.train, { classes: wine.classes, featureRange: [0, 1], bandwidth: selection.bandwidth, reduce: { kind: "pca", components: 6 } });
    expect(model.scaler.spec.high).toBeCloseTo(selection.bandwidth, 12);
    expect(model.spec.bandwidth).toBe(selection.bandwidth);
    expect(model.spec.alignment).toBeGreaterThan(0);
  });
});
