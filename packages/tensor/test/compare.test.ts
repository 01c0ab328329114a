import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  ShapeError,
  type Tensor,
  allClose,
  equal,
  greater,
  greaterEqual,
  less,
  lessEqual,
  notEqual,
  tensor,
  transpose,
  where,
} from '@chainrule/tensor';
import {
  allIndices,
  broadcastGet,
  broadcastPairArbitrary,
  dtypes,
  naiveBinary,
  naiveBroadcastShape,
  smallIntegers,
  valuesOf,
} from './reference';

type Op = (a: Tensor | number, b: Tensor | number) => Tensor;
const comparisons: [string, Op, (x: number, y: number) => boolean][] = [
  ['greater', greater, (x, y) => x > y],
  ['greaterEqual', greaterEqual, (x, y) => x >= y],
  ['less', less, (x, y) => x < y],
  ['lessEqual', lessEqual, (x, y) => x <= y],
  ['equal', equal, (x, y) => x === y],
  ['notEqual', notEqual, (x, y) => x !== y],
];

describe.each(dtypes)('comparisons in %s', (dtype) => {
  const a = tensor([1, 2, 3, Number.NaN], { dtype });
  const b = tensor([2, 2, 2, Number.NaN], { dtype });

  it('give 0/1 masks in the input dtype', () => {
    expect(greater(a, b).toArray()).toEqual([0, 0, 1, 0]);
    expect(greaterEqual(a, b).toArray()).toEqual([0, 1, 1, 0]);
    expect(less(a, b).toArray()).toEqual([1, 0, 0, 0]);
    expect(lessEqual(a, b).toArray()).toEqual([1, 1, 0, 0]);
    expect(equal(a, b).toArray()).toEqual([0, 1, 0, 0]);
    expect(notEqual(a, b).toArray()).toEqual([1, 0, 1, 1]);
    expect(greater(a, b).dtype).toBe(dtype);
  });

  it('broadcast and accept numbers', () => {
    expect(greater(tensor([[1], [3]], { dtype }), tensor([0, 2, 4], { dtype })).toArray()).toEqual([
      [1, 0, 0],
      [1, 1, 0],
    ]);
    expect(less(2, tensor([1, 2, 3], { dtype })).toArray()).toEqual([0, 0, 1]);
  });

  it('agree with a naive reference on random broadcast shapes', () => {
    fc.assert(
      fc.property(
        broadcastPairArbitrary,
        fc.integer({ min: 0, max: 5 }),
        fc.integer(),
        ([shapeA, shapeB], which, seed) => {
          const [, op, f] = comparisons[which]!;
          const next = smallIntegers(seed);
          const fill = (shape: number[]): Tensor =>
            tensor(
              Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => next() % 3),
              { dtype, shape },
            );
          const x = fill(shapeA);
          const y = fill(shapeB);
          const expected = naiveBinary(x, y, (u, v) => (f(u, v) ? 1 : 0));
          const out = op(x, y);
          expect(out.shape).toEqual(expected.shape);
          expect(valuesOf(out)).toEqual(expected.values);
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('where', () => {
  it.each(dtypes)('picks a where the condition is non-zero, b elsewhere, with broadcasting (%s)', (dtype) => {
    const condition = tensor([[1], [0]], { dtype });
    const a = tensor([1, 2, 3], { dtype });
    expect(where(condition, a, -1).toArray()).toEqual([
      [1, 2, 3],
      [-1, -1, -1],
    ]);
    expect(where(tensor([0, 2, -1]), 5, tensor([7, 8, 9], { dtype })).toArray()).toEqual([7, 5, 5]);
    expect(where(tensor([1, 0]), 5, 6).toArray()).toEqual([5, 6]);
    expect(where(condition, a, -1).dtype).toBe(dtype);
  });

  it('agrees with a naive reference, including strided condition views', () => {
    fc.assert(
      fc.property(broadcastPairArbitrary, fc.integer(), ([shapeA, shapeB], seed) => {
        const next = smallIntegers(seed);
        const fill = (shape: number[]): Tensor =>
          tensor(
            Array.from({ length: shape.reduce((p, d) => p * d, 1) }, () => next()),
            { dtype: 'float64', shape },
          );
        let condition = fill(shapeA);
        if (condition.rank >= 2) condition = transpose(transpose(condition).contiguous());
        const a = fill(shapeB);
        const b = fill(shapeA);
        const shape = naiveBroadcastShape(naiveBroadcastShape(condition.shape, a.shape)!, b.shape)!;
        const expected = allIndices(shape).map((index) =>
          broadcastGet(condition, index) !== 0 ? broadcastGet(a, index) : broadcastGet(b, index),
        );
        const out = where(condition, a, b);
        expect(out.shape).toEqual(shape);
        expect(valuesOf(out)).toEqual(expected);
      }),
      { numRuns: 120 },
    );
  });

  it('rejects mixed dtypes and shapes that do not broadcast', () => {
    expect(() => where(tensor([1]), tensor([1]), tensor([1], { dtype: 'float64' }))).toThrow(DTypeError);
    expect(() => where(tensor([1, 0, 1]), tensor([1, 2]), 0)).toThrow(/where: cannot broadcast shapes \[3\] and \[2\]/);
  });
});

describe('allClose', () => {
  it('uses |a - b| <= atol + rtol * |b| with NumPy defaults', () => {
    const a = tensor([1, 2], { dtype: 'float64' });
    expect(allClose(a, tensor([1 + 1e-6, 2], { dtype: 'float64' }))).toBe(true);
    expect(allClose(a, tensor([1 + 1e-4, 2], { dtype: 'float64' }))).toBe(false);
    expect(allClose(a, tensor([1.1, 2], { dtype: 'float64' }), { atol: 0.2 })).toBe(true);
    expect(allClose(a, tensor([1.1, 2], { dtype: 'float64' }), { rtol: 0.2 })).toBe(true);
  });

  it('treats equal infinities as close, NaN as never close, and compares across dtypes and views', () => {
    expect(allClose(tensor([Number.POSITIVE_INFINITY]), tensor([Number.POSITIVE_INFINITY]))).toBe(true);
    expect(allClose(tensor([Number.NaN]), tensor([Number.NaN]))).toBe(false);
    const m = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(
      allClose(
        transpose(m),
        tensor(
          [
            [1, 3],
            [2, 4],
          ],
          { dtype: 'float64' },
        ),
      ),
    ).toBe(true);
    expect(allClose(transpose(m), m)).toBe(false);
  });

  it('throws a ShapeError when shapes differ', () => {
    expect(() => allClose(tensor([1, 2]), tensor([1, 2, 3]))).toThrow(ShapeError);
  });
});
