// Training: exact gradients of every objective, optimizers that learn, early stopping, and bursts
// that resume exactly (one long run ≡ ten bursts, bit for bit, through JSON checkpoints).
import { describe, expect, it } from "vitest";
import {
  generatePreferences,
  loadIris,
  QuantumRecommender,
  startTraining,
  stratifiedSplit,
  trainBurst,
  trainToEnd,
  VariationalClassifier,
  VariationalRegressor,
  type Checkpoint,
  type Objective,
} from "../../ml/index.ts";

const iris = loadIris();
const split = stratifiedSplit(iris, { test: 0.3, validation: 0.2 }, 7);
const classifier = VariationalClassifier.create(split.train.rows, { classes: iris.classes });
const exact = { method: "adjoint" as const, shots: 0, seed: 0 };

/** The objective's gradient against central finite differences of its loss. */
function expectExactGradient(objective: Objective, params: Float64Array, examples: number[]) {
  const gradient = new Float64Array(params.length);
  objective.loss(params, examples, exact, gradient);
  const h = 1e-6;
  for (let j = 0; j < params.length; j++) {
    const plus = Float64Array.from(params), minus = Float64Array.from(params);
    plus[j]! += h;
    minus[j]! -= h;
    const numeric = (objective.loss(plus, examples, exact) - objective.loss(minus, examples, exact)) / (2 * h);
    expect(gradient[j], `parameter ${j}`).toBeCloseTo(numeric, 6);
  }
}

describe("objective gradients match finite differences", () => {
  const batch = [0, 5, 17, 40, 63];

  it.each(["crossEntropy", "mse", "hinge"] as const)("softmax classifier, %s loss", (loss) => {
    const model = VariationalClassifier.create(split.train.rows, { classes: iris.classes, loss, ansatz: { kind: "efficientSU2", reps: 1 } });
    const params = model.initialParams(3);
    if (loss === "hinge") params[model.quantum.numWeights] = 0.3; // keep margins away from the kink
    expectExactGradient(model.objective(split.train), params, batch);
  });

  it("parity classifier (binary)", () => {
    const binary = { rows: split.train.rows.filter((_, i) => split.train.labels[i] !== 0), labels: split.train.labels.filter((l) => l !== 0).map((l) => l - 1) };
    const model = VariationalClassifier.create(binary.rows, { classes: ["versicolor", "virginica"], readout: "parity", ansatz: { kind: "stronglyEntangling", reps: 2 } });
    expectExactGradient(model.objective(binary), model.initialParams(4), [0, 3, 9, 20]);
  });

  it("regressor on ZZ-encoded features", () => {
    const data = { rows: iris.rows.map((r) => r.slice(0, 3)), labels: iris.rows.map((r) => r[3]!) };
    const model = VariationalRegressor.create(data, { encoding: { kind: "zz", numFeatures: 3, reps: 1, entanglement: "linear" } });
    expectExactGradient(model.objective(data), model.initialParams(5), [1, 50, 100, 149]);
  });

  it("classifier on amplitude-encoded features", () => {
    // Four features fit in two qubits: too few for a softmax over three classes, and it says so.
    expect(() => VariationalClassifier.create(split.train.rows, { classes: iris.classes, encoding: { kind: "amplitude", numFeatures: 4 } })).toThrow(
      "a softmax readout reads one qubit per class: 3 classes need 3 qubits, the circuit has 2",
    );
    const twoClass = VariationalClassifier.create(split.train.rows, { classes: ["a", "b"], encoding: { kind: "amplitude", numFeatures: 4 } });
    const labels = split.train.labels.map((l) => (l === 0 ? 0 : 1));
    expectExactGradient(twoClass.objective({ rows: split.train.rows, labels }), twoClass.initialParams(6), batch);
  });

  it("recommender: shared and personal parameters", () => {
    const data = generatePreferences({ users: 6, items: 10, ratingsPerUser: 5, seed: 2 });
    const pairs = data.ratings.map((r) => ({ user: data.userFeatures[r.user]!, item: data.itemFeatures[r.item]!, rating: r.rating }));
    const model = QuantumRecommender.create(data.userFeatures, data.itemFeatures);
    const shared = model.initialParams(7);
    expectExactGradient(model.sharedObjective(pairs), shared, [0, 4, 11, 29]);
    const own = pairs.filter((_, i) => data.ratings[i]!.user === 3);
    expectExactGradient(model.personalObjective(shared, own, [], 0.05), Float64Array.from([0.2, -0.4, 0.1, 0.3]), [0, 1, 2, 3, 4]);
  });
});

describe("training in bursts", () => {
  const objective = classifier.objective(split.train, split.validation);
  const config = { maxEpochs: 8, patience: 100, batchSize: 10, seed: 5 };

  it("one long run and ten bursts end with the same parameters, bit for bit", () => {
    const start = startTraining(classifier.initialParams(1), config);
    const long = trainToEnd(objective, start);
    expect(long.done).toBe("maxEpochs");
    expect(long.step).toBe(8 * Math.ceil(split.train.rows.length / 10));

    let checkpoint: Checkpoint = start;
    let bursts = 0;
    while (!checkpoint.done) {
      // Each burst stops after a few steps and the checkpoint goes through JSON, as it does through the database.
      const { checkpoint: next } = trainBurst(objective, checkpoint, { budgetMs: Infinity, maxSteps: 7 });
      checkpoint = JSON.parse(JSON.stringify(next)) as Checkpoint;
      bursts++;
    }
    expect(bursts).toBeGreaterThanOrEqual(10);
    expect(checkpoint.params).toEqual(long.params);
    expect(checkpoint.history).toEqual(long.history);
    expect(checkpoint.rng).toEqual(long.rng);
    expect(checkpoint.optimizer).toEqual(long.optimizer);
  });

  it("a burst stops when its time budget is spent, but always takes a step", () => {
    let t = 0;
    const clock = () => (t += 10); // every call advances 10 ms
    const burst = trainBurst(objective, startTraining(classifier.initialParams(1), config), { budgetMs: 35, now: clock });
    expect(burst.steps).toBeGreaterThanOrEqual(1);
    expect(burst.steps).toBeLessThanOrEqual(4);
    expect(trainBurst(objective, burst.checkpoint, { budgetMs: 0 }).steps).toBe(1);
  });

  it("the loss history falls and early stopping keeps the best parameters", () => {
    const run = trainToEnd(objective, startTraining(classifier.initialParams(2), { maxEpochs: 200, patience: 3, minDelta: 0.05, seed: 2 }));
    expect(run.done).toBe("earlyStopping");
    expect(run.epoch).toBeLessThan(200);
    expect(run.history.at(-1)!.trainLoss).toBeLessThan(run.history[0]!.trainLoss);
    // The best is the last epoch that improved by more than minDelta (as Keras's EarlyStopping keeps it).
    expect(run.best.validationLoss).toBe(run.history[run.best.epoch - 1]!.validationLoss);
    expect(run.history.slice(run.best.epoch).every((h) => h.validationLoss! > run.best.validationLoss! - 0.05)).toBe(true);
    expect(run.snapshots.length).toBe(5);
  });

  it.each([
    ["SGD with momentum", { kind: "sgd" as const, learningRate: 0.05, momentum: 0.9 }, "adjoint" as const, 0],
    ["SPSA", { kind: "spsa" as const }, "adjoint" as const, 0],
    ["Adam with shots and parameter-shift gradients", { kind: "adam" as const, learningRate: 0.1 }, "parameterShift" as const, 200],
  ])("%s lowers the validation loss, deterministically", (_name, optimizer, gradient, shots) => {
    const half = split.train.rows.map((_, i) => i).filter((i) => i % 2 === 0); // every class, half the rows
    const train = { rows: half.map((i) => split.train.rows[i]!), labels: half.map((i) => split.train.labels[i]!) };
    const obj = classifier.objective(train, split.validation);
    const settings = { optimizer, gradient, shots, maxEpochs: 6, patience: 100, batchSize: 10, seed: 9 };
    const params = classifier.initialParams(8);
    const before = obj.validationLoss(params)!;
    const run = trainToEnd(obj, startTraining(params, settings));
    expect(Math.min(...run.history.map((h) => h.validationLoss!))).toBeLessThan(before);
    expect(trainToEnd(obj, startTraining(params, settings)).params).toEqual(run.params);
  });
});
