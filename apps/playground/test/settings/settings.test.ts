import { describe, expect, it } from 'vitest';
import {
  classifyChange,
  describeNetwork,
  evaluationInterval,
  presetFor,
  splitSizes,
  trainingRows,
} from '../../src/settings/settings';

describe('presetFor', () => {
  it("gives the tutorial's network: 3-4-1 sigmoid, plain SGD at learning rate 1 on all four rows", () => {
    const tutorial = presetFor('tutorial', 7);
    expect(tutorial).toMatchObject({ hidden: [4], activation: 'sigmoid', optimizer: 'sgd', learningRate: 1, seed: 7 });
    expect(describeNetwork(tutorial)).toBe('3-4-1 sigmoid');
    expect(trainingRows(tutorial)).toBe(4);
    expect(tutorial.batchSize).toBe(4);
  });

  it('gives the spiral two hidden layers of 16 tanh units', () => {
    expect(describeNetwork(presetFor('spiral'))).toBe('2-16-16-1 tanh');
  });
});

describe('classifyChange', () => {
  const base = presetFor('circle');

  it('applies the learning rate, batch size, optimizer and speed live', () => {
    expect(classifyChange(base, { ...base, learningRate: 0.1 })).toBe('live');
    expect(classifyChange(base, { ...base, batchSize: 8 })).toBe('live');
    expect(classifyChange(base, { ...base, optimizer: 'sgd' })).toBe('live');
    expect(classifyChange(base, { ...base, speed: 10 })).toBe('live');
  });

  it('rebuilds for new data, a new network or a new seed', () => {
    expect(classifyChange(base, { ...base, noise: 5 })).toBe('rebuild');
    expect(classifyChange(base, { ...base, trainPercent: 60 })).toBe('rebuild');
    expect(classifyChange(base, { ...base, points: 600 })).toBe('rebuild');
    expect(classifyChange(base, { ...base, hidden: [8] })).toBe('rebuild');
    expect(classifyChange(base, { ...base, hidden: [8, 8, 1] })).toBe('rebuild');
    expect(classifyChange(base, { ...base, activation: 'relu' })).toBe('rebuild');
    expect(classifyChange(base, { ...base, seed: 2 })).toBe('rebuild');
    expect(classifyChange(base, { ...base, problem: 'xor', learningRate: 0.1 })).toBe('rebuild');
  });

  it('sees no change in equal settings (a copied hidden list included)', () => {
    expect(classifyChange(base, { ...base, hidden: [...base.hidden] })).toBe('none');
  });
});

describe('splitSizes', () => {
  it('splits at the percentage, rounding, and keeps at least one row on each side', () => {
    expect(splitSizes(500, 50)).toEqual({ train: 250, test: 250 });
    expect(splitSizes(1000, 70)).toEqual({ train: 700, test: 300 });
    expect(splitSizes(150, 10)).toEqual({ train: 15, test: 135 });
    expect(splitSizes(5, 90)).toEqual({ train: 4, test: 1 });
    expect(splitSizes(2, 10)).toEqual({ train: 1, test: 1 });
  });
});

describe('evaluationInterval', () => {
  it('evaluates the tutorial at every step', () => {
    expect(evaluationInterval(presetFor('tutorial'))).toBe(1);
  });

  it('evaluates a 2-D set less often the smaller the batch, between 10 and 250 steps', () => {
    const full = { ...presetFor('xor'), points: 1000, trainPercent: 50, batchSize: 500 };
    expect(evaluationInterval(full)).toBe(14); // 7 × 1000 rows / 500 per step
    expect(evaluationInterval({ ...full, batchSize: 2000 })).toBe(14); // a batch is at most the training set
    expect(evaluationInterval({ ...full, batchSize: 50 })).toBe(140);
    expect(evaluationInterval({ ...full, batchSize: 1 })).toBe(250);
    expect(evaluationInterval({ ...full, points: 100, trainPercent: 90, batchSize: 90 })).toBe(10);
  });
});
