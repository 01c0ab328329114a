import { Rng } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { TUTORIAL_INPUTS, TUTORIAL_TARGETS, generatePoints, makeDataset, shuffle } from '../../src/training/datasets';

const radius = (point: { x1: number; x2: number }) => Math.hypot(point.x1, point.x2);

describe('makeDataset', () => {
  it("holds the tutorial's four rows with a constant third input, and no test set", () => {
    const dataset = makeDataset('tutorial', { points: 500, noise: 30, trainPercent: 50, seed: 3 });
    expect(dataset.features).toBe(3);
    expect(Array.from(dataset.train.inputs)).toEqual(TUTORIAL_INPUTS.flat());
    expect(Array.from(dataset.train.targets)).toEqual(TUTORIAL_TARGETS);
    expect(dataset.test.count).toBe(0);
  });

  it('splits a 2-D set at the training share, every point once', () => {
    const options = { points: 400, noise: 10, trainPercent: 70, seed: 5 };
    const dataset = makeDataset('xor', options);
    expect(dataset.train.count).toBe(280);
    expect(dataset.test.count).toBe(120);
    const all = [...rows(dataset.train), ...rows(dataset.test)].map((row) => row.join());
    const drawn = generatePoints('xor', 400, 0.1, new Rng(5)).map((point) => [point.x1, point.x2, point.label].join());
    expect(all.sort()).toEqual(drawn.sort());
  });

  it('is the same for the same seed and differs for another', () => {
    const options = { points: 200, noise: 20, trainPercent: 50, seed: 11 };
    const first = makeDataset('spiral', options);
    expect(makeDataset('spiral', options)).toEqual(first);
    expect(makeDataset('spiral', { ...options, seed: 12 }).train.inputs).not.toEqual(first.train.inputs);
  });

  it('shuffles before splitting, so both sets hold both labels in about equal numbers', () => {
    const dataset = makeDataset('circle', { points: 1000, noise: 0, trainPercent: 50, seed: 1 });
    const ones = (targets: Float64Array) => targets.reduce((sum, label) => sum + label, 0);
    expect(ones(dataset.train.targets)).toBeGreaterThan(200);
    expect(ones(dataset.train.targets)).toBeLessThan(300);
    expect(ones(dataset.test.targets)).toBe(500 - ones(dataset.train.targets));
  });
});

describe('generatePoints', () => {
  it('draws half of each label', () => {
    for (const problem of ['circle', 'xor', 'gaussians', 'spiral'] as const) {
      const points = generatePoints(problem, 301, 0.2, new Rng(1));
      expect(points).toHaveLength(301);
      expect(points.filter((point) => point.label === 1)).toHaveLength(150);
    }
  });

  it('circle: without noise, label 1 within 0.4 of the centre and label 0 on the ring from 0.56 to 0.8', () => {
    const points = generatePoints('circle', 400, 0, new Rng(2));
    for (const point of points) {
      if (point.label === 1) expect(radius(point)).toBeLessThanOrEqual(0.4);
      else {
        expect(radius(point)).toBeGreaterThanOrEqual(0.56);
        expect(radius(point)).toBeLessThanOrEqual(0.8);
      }
    }
  });

  it('xor: without noise, label 1 exactly where x1 and x2 have the same sign', () => {
    const points = generatePoints('xor', 400, 0, new Rng(3));
    for (const point of points) expect(point.x1 * point.x2 > 0).toBe(point.label === 1);
    expect(Math.min(...points.map((point) => Math.min(Math.abs(point.x1), Math.abs(point.x2))))).toBeGreaterThan(0.03);
  });

  it('gaussians: each label gathers around its centre, wider with noise', () => {
    const spread = (noise: number) => {
      const ones = generatePoints('gaussians', 2000, noise, new Rng(4)).filter((point) => point.label === 1);
      const mean = ones.reduce((sum, point) => sum + point.x1, 0) / ones.length;
      const deviation = Math.sqrt(ones.reduce((sum, point) => sum + (point.x1 - mean) ** 2, 0) / ones.length);
      return { mean, deviation };
    };
    const calm = spread(0);
    expect(calm.mean).toBeCloseTo(0.32, 1);
    expect(calm.deviation).toBeCloseTo(0.112, 1);
    expect(spread(0.5).deviation).toBeGreaterThan(2.5 * calm.deviation);
  });

  it('spiral: without noise, radius grows along each arm and the arms are half a turn apart', () => {
    const points = generatePoints('spiral', 200, 0, new Rng(5));
    const first = points.slice(0, 100);
    const second = points.slice(100);
    for (let index = 1; index < 100; index++) expect(radius(first[index]!)).toBeGreaterThan(radius(first[index - 1]!));
    first.forEach((point, index) => {
      expect(second[index]!.x1).toBeCloseTo(-point.x1, 12);
      expect(second[index]!.x2).toBeCloseTo(-point.x2, 12);
    });
  });

  it('noise moves points by at most its share of the scale', () => {
    const clean = generatePoints('circle', 100, 0, new Rng(6));
    const noisy = generatePoints('circle', 100, 0.5, new Rng(6));
    expect(noisy).not.toEqual(clean);
    for (const point of noisy) expect(radius(point)).toBeLessThanOrEqual(0.8 + Math.SQRT2 * 0.4);
  });
});

describe('shuffle', () => {
  it('permutes in place, reproducibly from the seed', () => {
    const items = Array.from({ length: 50 }, (_, index) => index);
    const shuffled = shuffle([...items], new Rng(9));
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((a, b) => a - b)).toEqual(items);
    expect(shuffle([...items], new Rng(9))).toEqual(shuffled);
  });
});

function rows(set: { count: number; inputs: Float64Array; targets: Float64Array }): number[][] {
  return Array.from({ length: set.count }, (_, row) => [
    set.inputs[2 * row]!,
    set.inputs[2 * row + 1]!,
    set.targets[row]!,
  ]);
}
