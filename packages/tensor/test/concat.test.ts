import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  ShapeError,
  arange,
  concat,
  pad,
  reshape,
  slice,
  stack,
  tensor,
  transpose,
} from '@chainrule/tensor';
import { dtypes, valuesOf } from './reference';

describe.each(dtypes)('concat, stack and pad in %s', (dtype) => {
  const a = tensor(
    [
      [1, 2],
      [3, 4],
    ],
    { dtype },
  );
  const b = tensor([[5, 6]], { dtype });

  it('concat along axis 0 and along the last axis', () => {
    expect(concat([a, b]).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expect(concat([a, transpose(b)], 1).toArray()).toEqual([
      [1, 2, 5],
      [3, 4, 6],
    ]);
    expect(concat([a, a], -1).toArray()).toEqual([
      [1, 2, 1, 2],
      [3, 4, 3, 4],
    ]);
    expect(concat([a]).toArray()).toEqual(a.toArray());
    expect(concat([a, b]).dtype).toBe(dtype);
  });

  it('concat copies strided views and empty inputs correctly', () => {
    const view = slice(transpose(reshape(arange(6, { dtype }), [2, 3])), [1]);
    expect(concat([view, tensor([[9, 9]], { dtype }), tensor([], { dtype, shape: [0, 2] })]).toArray()).toEqual([
      [1, 4],
      [2, 5],
      [9, 9],
    ]);
  });

  it('stack makes a new axis', () => {
    const x = tensor([1, 2, 3], { dtype });
    const y = tensor([4, 5, 6], { dtype });
    expect(stack([x, y]).toArray()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(stack([x, y], 1).toArray()).toEqual([
      [1, 4],
      [2, 5],
      [3, 6],
    ]);
    expect(stack([x, y], -1).shape).toEqual([3, 2]);
    expect(stack([tensor(1, { dtype }), tensor(2, { dtype })]).toArray()).toEqual([1, 2]);
  });

  it('pad is the inverse of slice', () => {
    const padded = pad(
      a,
      [
        [1, 0],
        [0, 2],
      ],
      -1,
    );
    expect(padded.toArray()).toEqual([
      [-1, -1, -1, -1],
      [1, 2, -1, -1],
      [3, 4, -1, -1],
    ]);
    expect(slice(padded, [1, 0], [3, 2]).toArray()).toEqual(a.toArray());
    expect(pad(a, [[0, 1]]).toArray()).toEqual([
      [1, 2],
      [3, 4],
      [0, 0],
    ]);
    expect(
      pad(transpose(a), [
        [0, 0],
        [1, 1],
      ]).toArray(),
    ).toEqual([
      [0, 1, 3, 0],
      [0, 2, 4, 0],
    ]);
    expect(pad(a, []).toArray()).toEqual(a.toArray());
    expect(pad(a, [[1, 1]]).dtype).toBe(dtype);
  });
});

describe('concat, stack and pad errors', () => {
  const a = tensor([
    [1, 2],
    [3, 4],
  ]);

  it('concat names the offending tensor and axis', () => {
    expect(() => concat([a, tensor([[1, 2, 3]])], 0)).toThrow(
      'concat: shapes differ off the concatenation axis 0; got [2,2], [1,3] (tensor 1, axis 1: 3 vs 2)',
    );
    expect(() => concat([a, tensor([1, 2])])).toThrow(/same rank/);
    expect(() => concat([a, tensor([[1, 2]], { dtype: 'float64' })])).toThrow(DTypeError);
    expect(() => concat([])).toThrow(/non-empty array/);
    expect(() => concat([a], 2)).toThrow(/concat: invalid axis 2/);
  });

  it('stack needs equal shapes', () => {
    expect(() => stack([a, tensor([[1, 2]])])).toThrow(/stack: tensors must have the same shape; got \[2,2\], \[1,2\]/);
    expect(() => stack([a], 3)).toThrow(ShapeError);
  });

  it('pad rejects negative, fractional or too many amounts', () => {
    expect(() => pad(a, [[-1, 0]])).toThrow(
      /pad: padding for axis 0 of shape \[2,2\] must be a pair of non-negative integers; got \[-1,0\]/,
    );
    expect(() => pad(a, [[0.5, 0]])).toThrow(ShapeError);
    expect(() =>
      pad(a, [
        [0, 0],
        [0, 0],
        [0, 0],
      ]),
    ).toThrow(/at most 2/);
  });

  it('never mutates its inputs', () => {
    const x = tensor([1, 2]);
    const list = [x, x];
    stack(list);
    concat(list);
    pad(x, [[1, 1]], 5);
    expect(list).toHaveLength(2);
    expect(valuesOf(x)).toEqual([1, 2]);
  });
});
