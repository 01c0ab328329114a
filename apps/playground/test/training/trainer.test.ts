import { constant, noGrad } from '@chainrule/autograd';
import { Dense, SGD, Sequential, Sigmoid, loadSafetensors, sse, uniform } from '@chainrule/nn';
import { Rng, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { type Settings, presetFor } from '../../src/settings/settings';
import { TUTORIAL_INPUTS, TUTORIAL_TARGETS } from '../../src/training/datasets';
import { gridInputs } from '../../src/training/grid';
import { Trainer } from '../../src/training/trainer';
import { parseDot } from '../../src/view/dot-graph';

/** The tutorial's network exactly as the @chainrule/nn README trains it. */
function referenceTutorial(seed: number, steps: number): { losses: number[]; predictions: number[] } {
  const f64 = { dtype: 'float64' } as const;
  const x = constant(tensor(TUTORIAL_INPUTS, f64));
  const y = constant(
    tensor(
      TUTORIAL_TARGETS.map((target) => [target]),
      f64,
    ),
  );
  const rng = new Rng(seed);
  const model = new Sequential(
    new Dense(3, 4, { bias: false, init: uniform(0, 1), rng, dtype: 'float64' }),
    new Sigmoid(),
    new Dense(4, 1, { bias: false, init: uniform(0, 1), rng, dtype: 'float64' }),
    new Sigmoid(),
  );
  const optimizer = new SGD(model.parameters(), { lr: 1 });
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    optimizer.zeroGrad();
    const loss = sse(model.forward(x), y);
    losses.push(loss.item());
    loss.backward();
    optimizer.step();
  }
  const predictions = Array.from(noGrad(() => model.forward(x)).value.data);
  return { losses, predictions };
}

describe('Trainer on the tutorial', () => {
  it('trains exactly as the README network does, loss for loss, and ends within 0.05 of the targets', () => {
    const reference = referenceTutorial(1, 1500);
    const trainer = new Trainer(presetFor('tutorial', 1));
    const losses = Array.from({ length: 1500 }, () => trainer.step());
    expect(losses).toEqual(reference.losses);
    expect(trainer.predictions()).toEqual(reference.predictions);
    trainer.predictions().forEach((prediction, row) => {
      expect(Math.abs(prediction - TUTORIAL_TARGETS[row]!)).toBeLessThan(0.05);
    });
    expect(losses[1499]).toBeLessThan(losses[0]! / 100);
  });

  it('evaluates the sum of squared errors over its four rows, and has no test set', () => {
    const trainer = new Trainer(presetFor('tutorial', 3));
    const before = trainer.evaluate();
    expect(before.step).toBe(0);
    expect(before.testLoss).toBeNull();
    expect(before.testAccuracy).toBeNull();
    const squaredErrors = trainer.predictions().reduce((sum, p, row) => sum + (TUTORIAL_TARGETS[row]! - p) ** 2, 0);
    expect(before.trainLoss).toBeCloseTo(squaredErrors, 12);
    const firstStepLoss = trainer.step();
    expect(firstStepLoss).toBe(before.trainLoss); // the step's loss is the loss before its update
  });

  it('exports the step graph with named weights and a gradient norm on every node the backward pass reached', () => {
    const trainer = new Trainer(presetFor('tutorial', 1));
    trainer.step();
    expect(trainer.graph()).toBeNull(); // drawn only when asked for
    trainer.requestGraph();
    trainer.step();
    trainer.step();
    const step = trainer.graph()!;
    expect(step.step).toBe(2);
    expect(step.mermaid).toMatch(/^(graph|flowchart)/);
    const graph = parseDot(step.dot);
    const byName = new Map(graph.nodes.map((node) => [node.name, node]));
    for (const name of ['W1', 'W2', 'X (batch)', 'y (targets)', 'h1', 'prediction', 'loss'])
      expect(byName.has(name)).toBe(true);
    expect(byName.get('W1')!.shapeText).toBe('shape [3,4]');
    expect(byName.get('loss')!.gradNorm).toBe(1);
    expect(byName.get('W1')!.gradNorm).toBeGreaterThan(0);
    expect(byName.get('X (batch)')!.gradNorm).toBeNull(); // a constant gets no gradient
  });
});

describe('Trainer on the 2-D sets', () => {
  const gaussians: Settings = { ...presetFor('gaussians', 2), hidden: [4], batchSize: 16 };

  it('learns two gaussians to at least 95% test accuracy in 300 steps', () => {
    const trainer = new Trainer(gaussians);
    const start = trainer.evaluate();
    for (let step = 0; step < 300; step++) trainer.step();
    const end = trainer.evaluate();
    expect(end.step).toBe(300);
    expect(end.testAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(end.trainLoss).toBeLessThan(start.trainLoss / 2);
  });

  it('visits every training row once per epoch in minibatches', () => {
    const settings: Settings = { ...gaussians, points: 100, trainPercent: 50, batchSize: 16 };
    const trainer = new Trainer(settings);
    const seen: number[] = [];
    for (let step = 0; step < 4; step++) {
      trainer.requestGraph();
      trainer.step();
      const dot = parseDot(trainer.graph()!.dot);
      const batch = dot.nodes.find((node) => node.name === 'X (batch)')!;
      seen.push(Number(/\[(\d+),2\]/.exec(batch.shapeText)![1]));
    }
    expect(seen).toEqual([16, 16, 16, 2]); // 50 rows: three full batches and the rest
  });

  it('applies a new learning rate, batch size or optimizer without new weights, and refuses a new network', () => {
    const trainer = new Trainer(gaussians);
    for (let step = 0; step < 5; step++) trainer.step();
    const weights = trainer.weights();
    expect(trainer.update({ ...gaussians, learningRate: 0.5, batchSize: 8, optimizer: 'sgd' })).toBe(true);
    expect(trainer.weights()).toEqual(weights);
    expect(trainer.optimizer.lr).toBe(0.5);
    expect(trainer.stepCount).toBe(5);
    expect(trainer.update({ ...gaussians, hidden: [5] })).toBe(false);
    expect(trainer.settings.hidden).toEqual([4]);
  });

  it('is reproducible from the seed, and the data stays when only the network changes', () => {
    const run = (settings: Settings) => {
      const trainer = new Trainer(settings);
      for (let step = 0; step < 20; step++) trainer.step();
      return trainer;
    };
    expect(run(gaussians).weights()).toEqual(run(gaussians).weights());
    expect(run({ ...gaussians, hidden: [7] }).dataset).toEqual(run(gaussians).dataset);
    expect(run({ ...gaussians, seed: 3 }).dataset.train.inputs).not.toEqual(run(gaussians).dataset.train.inputs);
  });

  it('computes every unit over the grid, the output as probabilities and the units every stride-th point', () => {
    const settings: Settings = { ...gaussians, hidden: [3, 2], activation: 'tanh' };
    const trainer = new Trainer(settings);
    trainer.step();
    const full = trainer.gridOutputs(8);
    const strided = trainer.gridOutputs(8, 2);
    expect(full.output).toHaveLength(64);
    expect(full.output.every((p) => p > 0 && p < 1)).toBe(true);
    expect(full.hidden.map((layer) => layer.length)).toEqual([3 * 64, 2 * 64]);
    expect(strided.unitResolution).toBe(4);
    expect(strided.output).toEqual(full.output);
    // Unit 1 of layer 1 at strided (row 1, column 2) is the full grid's (row 2, column 4).
    expect(strided.hidden[0]![1 * 16 + 1 * 4 + 2]).toBe(full.hidden[0]![1 * 64 + 2 * 8 + 4]);
    // The output equals the model's forward pass on the grid's points.
    const inputs = constant(tensor(gridInputs(8, [-1, 1], 2), { shape: [64, 2], dtype: 'float32' }));
    const logits = noGrad(() => trainer.model.forward(inputs)).value.data;
    expect(full.output[10]).toBeCloseTo(1 / (1 + Math.exp(-logits[10]!)), 6);
  });

  it('saves its weights as safetensors that load back into the same layers', () => {
    const trainer = new Trainer({ ...gaussians, hidden: [3] });
    for (let step = 0; step < 3; step++) trainer.step();
    const { tensors, metadata } = loadSafetensors(trainer.saveWeights());
    expect(Object.keys(tensors).sort()).toEqual([
      'layers.0.bias',
      'layers.0.weight',
      'layers.1.bias',
      'layers.1.weight',
    ]);
    expect(tensors['layers.0.weight']!.shape).toEqual([2, 3]);
    expect(metadata).toMatchObject({ format: 'chainrule-playground', network: '2-3-1', activation: 'tanh', step: '3' });
    const copy = new Trainer({ ...gaussians, hidden: [3], seed: 99 });
    copy.model.loadStateDict(tensors);
    expect(copy.weights()).toEqual(trainer.weights());
  });
});
