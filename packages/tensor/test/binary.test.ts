import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  ShapeError,
  type Tensor,
  ValueError,
  add,
  broadcastShapes,
  div,
  maximum,
  minimum,
  mul,
  pow,
  reshape,
  sub,
  tensor,
  transpose,
} from '@chainrule/tensor';
import {
  broadcastPairArbitrary,
  dtypes,
  naiveBinary,
  naiveBroadcastShape,
  round,
  smallIntegers,
  valuesOf,
} from './reference';

type Op = (a: Tensor | number, b: Tensor | number) => Tensor;
const ops: [string, Op, (x: number, y: number) => number][] = [
  ['add', add, (x, y) => x + y],
  ['sub', sub, (x, y) => x - y],
  ['mul', mul, (x, y) => x * y],
  ['div', div, (x, y) => x / y],
  ['pow', pow, (x, y) => x ** y],
  ['maximum', maximum, (x, y) => Math.max(x, y)],
  ['minimum', minimum, (x, y) => Math.min(x, y)],
];

describe.each(dtypes)('binary ops in %s', (dtype) => {
  const a = tensor(
    [
      [1, 2, 3],
      [4, 5, 6],
    ],
    { dtype },
  );
  const b = tensor(
    [
      [2, 2, 0.5],
      [-1, 4, 3],
    ],
    { dtype },
  );

  it('match hand-computed values on equal shapes', () => {
    expect(add(a, b).toArray()).toEqual([
      [3, 4, 3.5],
      [3, 9, 9],
    ]);
    expect(sub(a, b).toArray()).toEqual([
      [-1, 0, 2.5],
      [5, 1, 3],
    ]);
    expect(mul(a, b).toArray()).toEqual([
      [2, 4, 1.5],
      [-4, 20, 18],
    ]);
    expect(div(a, b).toArray()).toEqual([
      [0.5, 1, 6],
      [-4, 1.25, 2],
    ]);
    expect(pow(a, b).toArray()).toEqual([
      [1, 4, round(Math.sqrt(3), dtype)],
      [0.25, 625, 216],
    ]);
    expect(maximum(a, b).toArray()).toEqual([
      [2, 2, 3],
      [4, 5, 6],
    ]);
    expect(minimum(a, b).toArray()).toEqual([
      [1, 2, 0.5],
      [-1, 4, 3],
    ]);
  });

  it('keep the dtype and round like the dtype', () => {
    const out = add(tensor([0.1], { dtype }), tensor([0.2], { dtype }));
    expect(out.dtype).toBe(dtype);
    expect(out.item()).toBe(round(round(0.1, dtype) + round(0.2, dtype), dtype));
  });

  it('broadcast a row and a column', () => {
    expect(add(a, tensor([10, 20, 30], { dtype })).toArray()).toEqual([
      [11, 22, 33],
      [14, 25, 36],
    ]);
    expect(mul(a, tensor([[10], [100]], { dtype })).toArray()).toEqual([
      [10, 20, 30],
      [400, 500, 600],
    ]);
    expect(sub(tensor([[1], [2]], { dtype }), tensor([1, 2, 3], { dtype })).toArray()).toEqual([
      [0, -1, -2],
      [1, 0, -1],
    ]);
  });

  it('keep operand order when the row or column is on the left', () => {
    expect(sub(tensor([10, 20, 30], { dtype }), a).toArray()).toEqual([
      [9, 18, 27],
      [6, 15, 24],
    ]);
    expect(div(tensor([[12], [60]], { dtype }), a).toArray()).toEqual([
      [12, 6, 4],
      [15, 12, 10],
    ]);
    expect(sub(tensor([[1, 2, 3]], { dtype }), tensor([10, 20, 30], { dtype })).shape).toEqual([1, 3]);
    expect(sub(tensor([10, 20, 30], { dtype }), tensor([[1, 2, 3]], { dtype })).toArray()).toEqual([[9, 18, 27]]);
  });

  it('accept numbers on either side as scalars of the tensor dtype', () => {
    expect(sub(10, a).toArray()).toEqual([
      [9, 8, 7],
      [6, 5, 4],
    ]);
    expect(pow(a, 2).toArray()).toEqual([
      [1, 4, 9],
      [16, 25, 36],
    ]);
    expect(div(a, 0.1).get(0, 0)).toBe(round(1 / round(0.1, dtype), dtype));
    expect(add(a, 1).dtype).toBe(dtype);
    expect(add(transpose(a), 1).toArray()).toEqual([
      [2, 5],
      [3, 6],
      [4, 7],
    ]);
  });

  it('maximum and minimum propagate NaN from either side', () => {
    const x = tensor([Number.NaN, 1], { dtype });
    const y = tensor([1, Number.NaN], { dtype });
    expect(valuesOf(maximum(x, y)).every(Number.isNaN)).toBe(true);
    expect(valuesOf(minimum(x, y)).every(Number.isNaN)).toBe(true);
  });

  it('agree with a naive broadcasting reference on random shapes and views', () => {
    fc.assert(
      fc.property(
        broadcastPairArbitrary,
        fc.integer({ min: 0, max: ops.length - 1 }),
        fc.boolean(),
        fc.integer(),
        ([shapeA, shapeB], which, transposeA, seed) => {
          const [, op, f] = ops[which]!;
          const sizeA = shapeA.reduce((p, d) => p * d, 1);
          const sizeB = shapeB.reduce((p, d) => p * d, 1);
          const next = smallIntegers(seed);
          const take = (count: number): number[] =>
            Array.from({ length: count }, () => (which === 4 ? Math.abs(next()) % 4 : next()));
          let x = tensor(take(sizeA), { dtype, shape: shapeA });
          // A transposed copy read through a transposed view gives the same logical values with other strides.
          if (transposeA && x.rank >= 2) x = transpose(transpose(x).contiguous());
          const y = tensor(take(sizeB), { dtype, shape: shapeB });
          const expected = naiveBinary(x, y, f);
          const out = op(x, y);
          expect(out.shape).toEqual(expected.shape);
          expect(valuesOf(out)).toEqual(expected.values);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('broadcastShapes', () => {
  it('agrees with the naive rule and throws exactly when it fails', () => {
    const dim = fc.integer({ min: 1, max: 3 });
    fc.assert(
      fc.property(fc.array(dim, { maxLength: 4 }), fc.array(dim, { maxLength: 4 }), (a, b) => {
        const expected = naiveBroadcastShape(a, b);
        if (expected === null) expect(() => broadcastShapes(a, b)).toThrow(ShapeError);
        else expect(broadcastShapes(a, b)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('names the op, both shapes and the failing axis', () => {
    expect(() => broadcastShapes([2, 3], [4], 'add')).toThrow(
      'add: cannot broadcast shapes [2,3] and [4] (axis 1: 3 vs 4)',
    );
    expect(() =>
      add(
        tensor([[1, 2, 3]]),
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    ).toThrow('add: cannot broadcast shapes [1,3] and [2,2] (axis 1: 3 vs 2)');
  });
});

describe('binary op errors and purity', () => {
  it('mixing float32 and float64 is a DTypeError naming op, shapes and dtypes', () => {
    const f32 = tensor([1, 2]);
    const f64 = tensor([1, 2], { dtype: 'float64' });
    expect(() => mul(f32, f64)).toThrow(DTypeError);
    expect(() => mul(f32, f64)).toThrow(/mul: cannot mix dtypes; got \[2\] float32 and \[2\] float64/);
  });

  it('rejects operands that are neither tensors nor numbers', () => {
    expect(() => add(tensor([1]), [1] as never)).toThrow(ValueError);
    expect(() => add('1' as never, tensor([1]))).toThrow(/add: expected a Tensor or a number; got string/);
  });

  it('never mutates the arguments', () => {
    const a = tensor([
      [1, 2],
      [3, 4],
    ]);
    const b = reshape(tensor([5, 6]), [1, 2]);
    const before = [a.toArray(), b.toArray(), a.shape.slice(), b.shape.slice()];
    for (const [, op] of ops) op(a, b);
    expect([a.toArray(), b.toArray(), a.shape.slice(), b.shape.slice()]).toEqual(before);
  });

  it('two numbers give a float32 0-d tensor', () => {
    const out = add(1, 2);
    expect(out.shape).toEqual([]);
    expect(out.dtype).toBe('float32');
    expect(out.item()).toBe(3);
  });
});
