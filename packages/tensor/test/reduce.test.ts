import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ShapeError,
  type Tensor,
  argmax,
  broadcastTo,
  logSumExp,
  max,
  mean,
  min,
  normalizeAxes,
  reshape,
  sum,
  sumTo,
  tensor,
  transpose,
  zeros,
} from '@chainrule/tensor';
import { dtypes, naiveReduce, round, shapeArbitrary, smallIntegers, valuesOf } from './reference';

const m = (dtype: 'float32' | 'float64'): Tensor =>
  tensor(
    [
      [1, 5, 3],
      [4, 2, 6],
    ],
    { dtype },
  );

describe.each(dtypes)('reductions in %s', (dtype) => {
  it('sum over all, one and several axes, with keepDims', () => {
    expect(sum(m(dtype)).shape).toEqual([]);
    expect(sum(m(dtype)).item()).toBe(21);
    expect(sum(m(dtype), 0).toArray()).toEqual([5, 7, 9]);
    expect(sum(m(dtype), 1).toArray()).toEqual([9, 12]);
    expect(sum(m(dtype), -1, true).toArray()).toEqual([[9], [12]]);
    expect(sum(m(dtype), [1, 0]).item()).toBe(21);
    expect(sum(m(dtype), undefined, true).toArray()).toEqual([[21]]);
    expect(sum(m(dtype), []).toArray()).toEqual(m(dtype).toArray());
    expect(sum(m(dtype)).dtype).toBe(dtype);
  });

  it('mean, max, min', () => {
    expect(mean(m(dtype)).item()).toBe(3.5);
    expect(mean(m(dtype), 0).toArray()).toEqual([2.5, 3.5, 4.5]);
    expect(max(m(dtype), 1).toArray()).toEqual([5, 6]);
    expect(max(m(dtype)).item()).toBe(6);
    expect(min(m(dtype), 0, true).toArray()).toEqual([[1, 2, 3]]);
    expect(min(m(dtype)).item()).toBe(1);
  });

  it('argmax along an axis and over the flattened tensor', () => {
    expect(argmax(m(dtype), 1).toArray()).toEqual([1, 2]);
    expect(argmax(m(dtype), 0).toArray()).toEqual([1, 0, 1]);
    expect(argmax(m(dtype), 0, true).toArray()).toEqual([[1, 0, 1]]);
    expect(argmax(m(dtype)).shape).toEqual([]);
    expect(argmax(m(dtype)).item()).toBe(5);
    expect(argmax(transpose(m(dtype))).item()).toBe(5);
    expect(argmax(tensor([3, 7, 7, 1], { dtype })).item()).toBe(1);
    expect(argmax(tensor([3, Number.NaN, 9, Number.NaN], { dtype })).item()).toBe(1);
    expect(argmax(m(dtype), 1).dtype).toBe('int32');
  });

  it('max and min propagate NaN', () => {
    const x = tensor(
      [
        [1, Number.NaN, 3],
        [4, 5, 6],
      ],
      { dtype },
    );
    expect(valuesOf(max(x, 1))).toEqual([Number.NaN, 6]);
    expect(valuesOf(min(x, 1))).toEqual([Number.NaN, 4]);
    expect(max(x).item()).toBeNaN();
  });

  it('logSumExp is stable for large values and all -Infinity rows', () => {
    const x = tensor(
      [
        [1000, 1000],
        [-1000, -1000],
        [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY],
      ],
      { dtype },
    );
    const out = valuesOf(logSumExp(x, 1));
    expect(out[0]).toBeCloseTo(round(1000 + Math.LN2, dtype), dtype === 'float32' ? 3 : 10);
    expect(out[1]).toBeCloseTo(round(-1000 + Math.LN2, dtype), dtype === 'float32' ? 3 : 10);
    expect(out[2]).toBe(Number.NEGATIVE_INFINITY);
    const small = tensor([0, Math.log(2), Math.log(3)], { dtype });
    expect(logSumExp(small).item()).toBeCloseTo(Math.log(6), 6);
    expect(logSumExp(tensor([[1, 2]], { dtype }), 1, true).shape).toEqual([1, 1]);
    expect(logSumExp(tensor([Number.POSITIVE_INFINITY, 1], { dtype })).item()).toBe(Number.POSITIVE_INFINITY);
  });

  it('empty reductions: sum gives 0, logSumExp -Infinity, the others a ShapeError', () => {
    const empty = zeros([2, 0], { dtype });
    expect(sum(empty, 1).toArray()).toEqual([0, 0]);
    expect(sum(empty, 0).toArray()).toEqual([]);
    expect(valuesOf(logSumExp(empty, 1))).toEqual([Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY]);
    expect(() => mean(empty, 1)).toThrow(/mean: cannot reduce over zero elements; got shape \[2,0\]/);
    expect(() => max(empty)).toThrow(ShapeError);
    expect(() => argmax(empty, 1)).toThrow(ShapeError);
  });
});

const reducers: [string, (x: Tensor, axes: number[], keepDims: boolean) => Tensor, (values: number[]) => number][] = [
  ['sum', (x, axes, keep) => sum(x, axes, keep), (v) => v.reduce((p, q) => p + q, 0)],
  ['mean', (x, axes, keep) => mean(x, axes, keep), (v) => v.reduce((p, q) => p + q, 0) / v.length],
  ['max', (x, axes, keep) => max(x, axes, keep), (v) => Math.max(...v)],
  ['min', (x, axes, keep) => min(x, axes, keep), (v) => Math.min(...v)],
  [
    'logSumExp',
    (x, axes, keep) => logSumExp(x, axes, keep),
    (v) => {
      const top = Math.max(...v);
      return top + Math.log(v.reduce((p, q) => p + Math.exp(q - top), 0));
    },
  ],
];

describe.each(dtypes)('reductions against a naive reference in %s', (dtype) => {
  const caseArbitrary = shapeArbitrary().chain((shape) =>
    fc.tuple(
      fc.constant(shape),
      fc.subarray(shape.map((_, axis) => axis)).chain((axes) => fc.shuffledSubarray(axes, { minLength: axes.length })),
      fc.boolean(),
      fc.boolean(),
      fc.boolean(),
      fc.integer(),
    ),
  );

  it.each(reducers)('%s over random axis sets, keepDims and views', (_name, reduce, reference) => {
    fc.assert(
      fc.property(caseArbitrary, ([shape, axes, keepDims, negative, viewed, seed]) => {
        const next = smallIntegers(seed);
        let x = tensor(Array.from({ length: shape.reduce((p, d) => p * d, 1) }, next), { dtype, shape });
        if (viewed && x.rank >= 2) x = transpose(transpose(x).contiguous());
        const given = negative ? axes.map((axis) => axis - shape.length) : axes;
        const expected = naiveReduce(x, axes, keepDims, reference);
        const out = reduce(x, given, keepDims);
        expect(out.shape).toEqual(expected.shape);
        const values = valuesOf(out);
        values.forEach((value, i) => expect(value).toBeCloseTo(expected.values[i]!, dtype === 'float32' ? 4 : 10));
      }),
      { numRuns: 100 },
    );
  });

  it('argmax along each axis of random tensors', () => {
    fc.assert(
      fc.property(shapeArbitrary(3), fc.integer(), (shape, seed) => {
        fc.pre(shape.length > 0);
        const next = smallIntegers(seed);
        const x = tensor(Array.from({ length: shape.reduce((p, d) => p * d, 1) }, next), { dtype, shape });
        const axis = Math.abs(seed) % shape.length;
        const expected = naiveReduce(x, [axis], false, (v) => v.indexOf(Math.max(...v)));
        expect(valuesOf(argmax(x, axis))).toEqual(expected.values);
      }),
      { numRuns: 100 },
    );
  });
});

describe('axis validation', () => {
  it('normalizeAxes sorts, accepts negatives and defaults to every axis', () => {
    expect(normalizeAxes([-1, 0], 3, 'sum')).toEqual([0, 2]);
    expect(normalizeAxes(undefined, 3, 'sum')).toEqual([0, 1, 2]);
    expect(normalizeAxes(1, 2, 'sum')).toEqual([1]);
  });

  it('rejects out-of-range, fractional and repeated axes naming the op and the shape', () => {
    const x = zeros([2, 3]);
    expect(() => sum(x, 2)).toThrow('sum: invalid axis 2 for shape [2,3]; expected an integer in [-2, 2)');
    expect(() => mean(x, [0, -2])).toThrow('mean: repeated axis -2 in [0,-2] for shape [2,3]; expected distinct axes');
    expect(() => max(x, 0.5)).toThrow(ShapeError);
    expect(() => argmax(x, -3)).toThrow(/argmax: invalid axis -3/);
  });
});

describe('sumTo', () => {
  it('sums broadcast axes back to the target shape (inverse of broadcastTo)', () => {
    const x = reshape(tensor([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], { dtype: 'float64' }), [2, 2, 3]);
    expect(sumTo(x, [3]).toArray()).toEqual([22, 26, 30]);
    expect(sumTo(x, [2, 1]).toArray()).toEqual([[1 + 2 + 3 + 7 + 8 + 9], [4 + 5 + 6 + 10 + 11 + 12]]);
    expect(sumTo(x, [1, 1, 1]).toArray()).toEqual([[[78]]]);
    expect(sumTo(x, []).item()).toBe(78);
    expect(sumTo(x, [2, 2, 3])).toBe(x);
  });

  it('undoes broadcastTo for random shapes: sumTo(broadcastTo(x, s), x.shape) = x · (size(s)/size(x))', () => {
    fc.assert(
      fc.property(
        shapeArbitrary(3, 3),
        fc.array(fc.boolean(), { maxLength: 3 }),
        fc.integer({ min: 0, max: 2 }),
        (shape, ones, extra) => {
          const small = shape.map((dim, axis) => (ones[axis] ? 1 : dim));
          const big = [...new Array<number>(extra).fill(2), ...shape];
          const x = tensor(
            Array.from({ length: small.reduce((p, d) => p * d, 1) }, (_, i) => i),
            { dtype: 'float64', shape: small },
          );
          const factor = big.reduce((p, d) => p * d, 1) / x.size;
          const back = sumTo(broadcastTo(x, big), small);
          expect(back.shape).toEqual(small);
          expect(valuesOf(back)).toEqual(valuesOf(x).map((v) => v * factor));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('rejects targets that do not broadcast to the input', () => {
    expect(() => sumTo(zeros([2, 3]), [2])).toThrow(
      'sumTo: cannot sum shape [2,3] to [2] (axis 1: 3 vs 2); expected a shape that broadcasts to [2,3]',
    );
    expect(() => sumTo(zeros([3]), [1, 3])).toThrow(/more axes/);
  });
});
