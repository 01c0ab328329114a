// Numerical extremes of @chainrule/tensor: inputs of ±1e4, ±1e30 and each dtype's limits (largest finite value,
// smallest subnormal), checked for finite results where the true result is representable. Where the true result is
// not representable in the dtype, the overflow is legitimate and the test says so by asserting it.
import { describe, expect, it } from 'vitest';
import {
  type DType,
  Rng,
  ValueError,
  argmax,
  div,
  exp,
  logSumExp,
  matmul,
  max,
  mean,
  min,
  mul,
  reciprocal,
  sigmoid,
  sum,
  tanh,
  tensor,
} from '@chainrule/tensor';

const FLOAT32_MAX = 3.4028234663852886e38;
const FLOAT32_TINY = 1.401298464324817e-45;
const limits: Record<DType, { largest: number; tiny: number }> = {
  float32: { largest: FLOAT32_MAX, tiny: FLOAT32_TINY },
  float64: { largest: Number.MAX_VALUE, tiny: Number.MIN_VALUE },
};

const flat = (t: { toArray(): unknown }): number[] => t.toArray() as number[];

describe.each(['float32', 'float64'] as const)('extremes in %s', (dtype) => {
  const { largest, tiny } = limits[dtype];
  const inputs = [-largest, -1e30, -1e4, -tiny, 0, tiny, 1e4, 1e30, largest];
  const x = tensor(inputs, { dtype });

  it('the inputs are representable, so every case below tests what it names', () => {
    expect(flat(x)).toEqual(dtype === 'float32' ? inputs.map(Math.fround) : inputs);
    expect(flat(x)[5]).toBeGreaterThan(0);
    expect(Number.isFinite(flat(x)[8]!)).toBe(true);
  });

  it('sigmoid: in [0, 1], monotone, exactly 0 and 1 from ±1e4 out to ±Infinity, never NaN', () => {
    const out = flat(sigmoid(x));
    out.forEach((value) => expect(value >= 0 && value <= 1).toBe(true));
    out.slice(1).forEach((value, i) => expect(value).toBeGreaterThanOrEqual(out[i]!));
    expect(out.slice(0, 3)).toEqual([0, 0, 0]);
    expect(out.slice(6)).toEqual([1, 1, 1]);
    expect(out.slice(3, 6)).toEqual([0.5, 0.5, 0.5]);
    expect(flat(sigmoid(tensor([-Infinity, Infinity], { dtype })))).toEqual([0, 1]);
  });

  it('tanh: in [-1, 1], odd, exactly ±1 from ±1e4 out to ±Infinity', () => {
    const out = flat(tanh(x));
    expect(out.slice(0, 3)).toEqual([-1, -1, -1]);
    expect(out.slice(6)).toEqual([1, 1, 1]);
    out.forEach((value, i) => expect(value + out[inputs.length - 1 - i]!).toBe(0));
    expect(flat(tanh(tensor([-Infinity, Infinity], { dtype })))).toEqual([-1, 1]);
  });

  it('exp: underflows to 0 far left; overflows to Infinity far right (legitimate: e^1e4 is not representable)', () => {
    const out = flat(exp(x));
    expect(out.slice(0, 3)).toEqual([0, 0, 0]);
    expect(out.slice(3, 6)).toEqual([1, 1, 1]);
    expect(out.slice(6)).toEqual([Infinity, Infinity, Infinity]);
    // The largest exponent that stays finite: e^88 < 3.4e38 < e^89 in float32; e^709 < 1.8e308 < e^710 in float64.
    const edge = dtype === 'float32' ? [88, 89] : [709, 710];
    expect(flat(exp(tensor(edge, { dtype })))).toEqual([expect.any(Number), Infinity]);
    expect(Number.isFinite(flat(exp(tensor(edge, { dtype })))[0]!)).toBe(true);
  });

  it('logSumExp: finite at the largest values, no underflow to -Infinity at -1e4, exact infinities and NaN', () => {
    const rows = tensor(
      [
        [largest, largest],
        [largest, -largest],
        [-largest, -largest],
        [1e4, 1e4],
        [-1e4, -1e4],
        [-Infinity, -Infinity],
        [Infinity, 0],
        [-Infinity, 0],
      ],
      { dtype },
    );
    const out = flat(logSumExp(rows, 1));
    const round = (v: number): number => (dtype === 'float32' ? Math.fround(v) : v);
    expect(out[0]).toBe(round(largest)); // largest + ln 2 rounds back to largest
    expect(out[1]).toBe(round(largest));
    expect(out[2]).toBe(round(-largest));
    expect(out[3]).toBe(round(1e4 + Math.LN2));
    expect(out[4]).toBe(round(-1e4 + Math.LN2));
    expect(out.slice(5)).toEqual([-Infinity, Infinity, 0]);
    expect(logSumExp(tensor([Number.NaN, 0], { dtype })).item()).toBeNaN();
    expect(logSumExp(rows, 1, true).shape).toEqual([8, 1]);
  });

  it('max, min and argmax treat infinities as ordinary extremes', () => {
    const row = tensor([-Infinity, largest, -largest, Infinity], { dtype });
    expect(max(row).item()).toBe(Infinity);
    expect(min(row).item()).toBe(-Infinity);
    expect(argmax(row).item()).toBe(3);
    expect(argmax(tensor([-Infinity, -Infinity], { dtype })).item()).toBe(0);
  });

  it('matmul accumulates in float64: a float32 dot product whose partial sum exceeds float32 stays finite', () => {
    const a = tensor([[largest, largest]], { dtype });
    expect(matmul(a, tensor([[0.5], [0.5]], { dtype })).item()).toBe(largest);
    expect(matmul(a, tensor([[1], [-1]], { dtype })).item()).toBe(0);
  });

  it('sum overflows only when the true sum is not representable; mean of float32 maxima stays finite', () => {
    const pair = tensor([largest, largest], { dtype });
    expect(sum(pair).item()).toBe(Infinity); // legitimate: 2·largest is not representable
    if (dtype === 'float32') expect(mean(pair).item()).toBe(FLOAT32_MAX); // accumulates in float64
  });

  it('subnormals survive products; 1/tiny overflows legitimately (2^149 > float32 max, 2^1074 > float64 max)', () => {
    expect(mul(tensor([tiny], { dtype }), 1).item()).toBe(tiny);
    expect(div(tensor([tiny], { dtype }), 2).item()).toBe(0); // rounds to even, below the smallest subnormal
    expect(reciprocal(tensor([largest], { dtype })).item()).toBeGreaterThan(0);
    expect(reciprocal(tensor([tiny], { dtype })).item()).toBe(Infinity);
  });
});

describe('uniform at the widest bounds', () => {
  const spread = (values: number[], low: number, high: number): void => {
    for (const value of values) expect(value >= low && value < high, `${value} in [${low}, ${high})`).toBe(true);
    expect(new Set(values).size).toBeGreaterThan(values.length * 0.99);
    const width = high / 2 - low / 2; // half the width, which does not overflow
    expect(Math.min(...values)).toBeLessThan(low + 0.1 * width);
    expect(Math.max(...values)).toBeGreaterThan(high - 0.1 * width);
    const below = values.filter((value) => value < low / 2 + high / 2).length;
    expect(below / values.length).toBeGreaterThan(0.4);
    expect(below / values.length).toBeLessThan(0.6);
  };

  it('float64 in [-1e308, 1e308) (high − low overflows): finite samples spread over the range, not one value', () => {
    spread(new Rng(1).uniform([1000], -1e308, 1e308, { dtype: 'float64' }).toArray() as number[], -1e308, 1e308);
    const largest = Number.MAX_VALUE;
    spread(
      new Rng(2).uniform([1000], -largest, largest, { dtype: 'float64' }).toArray() as number[],
      -largest,
      largest,
    );
  });

  it('float32 across the whole float32 range: finite samples inside the bounds', () => {
    spread(new Rng(3).uniform([1000], -FLOAT32_MAX, FLOAT32_MAX).toArray() as number[], -FLOAT32_MAX, FLOAT32_MAX);
  });

  it('float32 bounds beyond the float32 range are a ValueError, not samples of -Infinity', () => {
    expect(() => new Rng(1).uniform([4], -1e39, 1e39)).toThrow(ValueError);
    expect(() => new Rng(1).uniform([4], 0, 1e39)).toThrow(/^uniform: float32 bounds must lie within/);
    expect(new Rng(1).uniform([4], -1e39, 1e39, { dtype: 'float64' }).size).toBe(4);
  });

  it('ordinary bounds draw exactly low + (high − low)·u, as before', () => {
    const rng = new Rng(9);
    const reference = new Rng(9);
    const values = rng.uniform([64], -3, 5, { dtype: 'float64' }).toArray() as number[];
    expect(values).toEqual(values.map(() => -3 + 8 * reference.nextFloat()));
  });
});
