import { computeFans, heNormal, heUniform, normal, uniform, xavierNormal, xavierUniform } from '@chainrule/nn';
import { Rng, ShapeError, type Tensor, ValueError } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { flat } from '../helpers';

function stats(t: Tensor): { mean: number; std: number; min: number; max: number } {
  const values = flat(t);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(variance), min: Math.min(...values), max: Math.max(...values) };
}

describe('uniform', () => {
  it('draws exactly what rng.uniform draws, inside [low, high)', () => {
    const drawn = uniform(-2, 3)([3, 4], new Rng(7), 'float64');
    const direct = new Rng(7).uniform([3, 4], -2, 3, { dtype: 'float64' });
    expect(drawn.shape).toEqual([3, 4]);
    expect(drawn.dtype).toBe('float64');
    expect(flat(drawn)).toEqual(flat(direct));
    for (const value of flat(drawn)) {
      expect(value).toBeGreaterThanOrEqual(-2);
      expect(value).toBeLessThan(3);
    }
  });

  it('defaults to the tutorial range [0, 1) and is reproducible from a seed', () => {
    const a = uniform()([50], new Rng(1), 'float32');
    const b = uniform()([50], new Rng(1), 'float32');
    const c = uniform()([50], new Rng(2), 'float32');
    expect(a.dtype).toBe('float32');
    expect(flat(a)).toEqual(flat(b));
    expect(flat(a)).not.toEqual(flat(c));
    const { min, max } = stats(a);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
  });

  it('rejects bad bounds when it is made', () => {
    expect(() => uniform(1, 1)).toThrow(ValueError);
    expect(() => uniform(2, 1)).toThrow(/low < high/);
    expect(() => uniform(Number.NaN, 1)).toThrow(ValueError);
    expect(() => uniform(0, Number.POSITIVE_INFINITY)).toThrow(ValueError);
  });
});

describe('normal', () => {
  it('has the requested mean and standard deviation', () => {
    const { mean, std } = stats(normal(3, 0.5)([20000], new Rng(11), 'float64'));
    expect(Math.abs(mean - 3)).toBeLessThan(0.02);
    expect(Math.abs(std - 0.5)).toBeLessThan(0.02);
  });

  it('rejects a negative or non-finite std and a non-finite mean', () => {
    expect(() => normal(0, -1)).toThrow(ValueError);
    expect(() => normal(0, Number.NaN)).toThrow(ValueError);
    expect(() => normal(Number.POSITIVE_INFINITY, 1)).toThrow(ValueError);
  });
});

describe('Xavier/Glorot', () => {
  it('xavierUniform draws from U(-a, a), a = gain·sqrt(6/(fanIn + fanOut))', () => {
    const bound = Math.sqrt(6 / (300 + 200));
    const { min, max, mean } = stats(xavierUniform()([300, 200], new Rng(3), 'float64'));
    expect(min).toBeGreaterThanOrEqual(-bound);
    expect(max).toBeLessThan(bound);
    expect(max).toBeGreaterThan(0.99 * bound); // 60000 draws reach the edge
    expect(min).toBeLessThan(-0.99 * bound);
    expect(Math.abs(mean)).toBeLessThan(0.01);
  });

  it('scales by gain', () => {
    const plain = flat(xavierUniform()([4, 5], new Rng(5), 'float64'));
    const doubled = flat(xavierUniform(2)([4, 5], new Rng(5), 'float64'));
    doubled.forEach((value, index) => expect(value).toBeCloseTo(2 * plain[index]!, 14));
  });

  it('xavierNormal has std gain·sqrt(2/(fanIn + fanOut))', () => {
    const { std, mean } = stats(xavierNormal(1.5)([200, 100], new Rng(9), 'float64'));
    expect(Math.abs(std - 1.5 * Math.sqrt(2 / 300)) / (1.5 * Math.sqrt(2 / 300))).toBeLessThan(0.02);
    expect(Math.abs(mean)).toBeLessThan(0.005);
  });

  it('rejects a non-positive or non-finite gain', () => {
    expect(() => xavierUniform(0)).toThrow(ValueError);
    expect(() => xavierNormal(-1)).toThrow(ValueError);
    expect(() => xavierUniform(Number.NaN)).toThrow(ValueError);
  });
});

describe('He/Kaiming', () => {
  it('heUniform draws from U(-a, a), a = sqrt(6/fanIn)', () => {
    const bound = Math.sqrt(6 / 400);
    const { min, max } = stats(heUniform()([400, 50], new Rng(4), 'float64'));
    expect(min).toBeGreaterThanOrEqual(-bound);
    expect(max).toBeLessThan(bound);
    expect(max).toBeGreaterThan(0.99 * bound);
  });

  it('heNormal has std sqrt(2/fanIn)', () => {
    const { std } = stats(heNormal()([500, 40], new Rng(6), 'float64'));
    expect(Math.abs(std - Math.sqrt(2 / 500)) / Math.sqrt(2 / 500)).toBeLessThan(0.02);
  });
});

describe('computeFans', () => {
  it('reads [in, out] and multiplies leading axes into both', () => {
    expect(computeFans([3, 4])).toEqual({ fanIn: 3, fanOut: 4 });
    expect(computeFans([2, 3, 4, 5])).toEqual({ fanIn: 24, fanOut: 30 });
  });

  it('needs rank >= 2', () => {
    expect(() => computeFans([4])).toThrow(ShapeError);
  });

  it('rejects negative or non-integer dimensions', () => {
    expect(() => computeFans([2, -1])).toThrow(ShapeError);
    expect(() => computeFans([2, -1])).toThrow(
      /computeFans: every dimension must be a non-negative integer; got shape \[2,-1\]/,
    );
    expect(() => computeFans([-3, 2, 2])).toThrow(ShapeError);
    expect(() => computeFans([2, 1.5])).toThrow(ShapeError);
    expect(() => computeFans([Number.NaN, 2])).toThrow(ShapeError);
    expect(computeFans([0, 3])).toEqual({ fanIn: 0, fanOut: 3 });
    expect(() => xavierUniform()([4], new Rng(1), 'float32')).toThrow(/xavierUniform: needs a weight of rank >= 2/);
  });
});

describe('every initialiser', () => {
  const all = {
    uniform: uniform(),
    normal: normal(),
    xavierUniform: xavierUniform(),
    xavierNormal: xavierNormal(),
    heUniform: heUniform(),
    heNormal: heNormal(),
  };

  it('needs an Rng', () => {
    for (const [name, init] of Object.entries(all)) {
      expect(() => init([2, 2], undefined as unknown as Rng, 'float32')).toThrow(
        new RegExp(`${name}: expected an Rng`),
      );
    }
  });

  it('gives the requested shape and dtype, the same for the same seed', () => {
    for (const init of Object.values(all)) {
      const a = init([3, 2], new Rng(42), 'float32');
      expect(a.shape).toEqual([3, 2]);
      expect(a.dtype).toBe('float32');
      expect(flat(a)).toEqual(flat(init([3, 2], new Rng(42), 'float32')));
      expect(init([0, 2], new Rng(42), 'float64').shape).toEqual([0, 2]);
    }
  });
});
