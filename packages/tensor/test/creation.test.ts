import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  ShapeError,
  ValueError,
  oneHot,
  arange,
  astype,
  eye,
  full,
  fullLike,
  linspace,
  ones,
  onesLike,
  scalar,
  tensor,
  transpose,
  zeros,
  zerosLike,
} from '@chainrule/tensor';
import { dtypes } from './reference';

describe('tensor', () => {
  it('infers the shape of nested arrays and defaults to float32', () => {
    const t = tensor([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(t.dtype).toBe('float32');
    expect(t.data).toBeInstanceOf(Float32Array);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it.each(dtypes)('stores values in %s', (dtype) => {
    const t = tensor([0.1, -2], { dtype });
    expect(t.dtype).toBe(dtype);
    expect(t.get(0)).toBe(dtype === 'float32' ? Math.fround(0.1) : 0.1);
  });

  it('makes a 0-d tensor from a number and empty shapes from empty arrays', () => {
    expect(tensor(5).shape).toEqual([]);
    expect(tensor([]).shape).toEqual([0]);
    expect(tensor([[], []]).shape).toEqual([2, 0]);
  });

  it('copies typed arrays, keeping their dtype unless told otherwise, and lays them out in `shape`', () => {
    const source = new Float64Array([1, 2, 3, 4]);
    const t = tensor(source, { shape: [2, 2] });
    expect(t.dtype).toBe('float64');
    expect(t.data).not.toBe(source);
    source[0] = 100;
    expect(t.toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(tensor(source, { dtype: 'float32' }).dtype).toBe('float32');
    expect(() => tensor(source, { shape: [3] })).toThrow(/shape \[3\] needs 3 values; got a typed array of length 4/);
  });

  it('reshapes nested input with the shape option', () => {
    expect(tensor([1, 2, 3, 4], { shape: [2, 2] }).toArray()).toEqual([
      [1, 2],
      [3, 4],
    ]);
    expect(() => tensor([1, 2, 3], { shape: [2, 2] })).toThrow(ShapeError);
  });

  it('rejects ragged arrays naming the element and the axis', () => {
    expect(() => tensor([[1, 2], [3]])).toThrow(/element \[1\] has length 1; expected 2 \(axis 1\)/);
    expect(() => tensor([[1, 2], 3] as never)).toThrow(/expected an array of length 2 at \[1\] \(axis 1\)/);
    expect(() => tensor([1, [2]] as never)).toThrow(ShapeError);
  });

  it('rejects non-numbers and unknown dtypes', () => {
    expect(() => tensor([1, 'a'] as never)).toThrow(ValueError);
    expect(() => tensor([1, 'a'] as never)).toThrow(/expected a number at \[1\]/);
    expect(() => tensor([1], { dtype: 'int32' as never })).toThrow(DTypeError);
  });

  it('never mutates its argument', () => {
    const values = [
      [1, 2],
      [3, 4],
    ];
    const t = tensor(values);
    t.data[0] = 9;
    expect(values).toEqual([
      [1, 2],
      [3, 4],
    ]);
  });
});

describe('filled tensors', () => {
  it.each(dtypes)('zeros, ones, full and scalar in %s', (dtype) => {
    expect(zeros([2, 3], { dtype }).toArray()).toEqual([
      [0, 0, 0],
      [0, 0, 0],
    ]);
    expect(ones([2], { dtype }).toArray()).toEqual([1, 1]);
    expect(full([2, 1], 2.5, { dtype }).toArray()).toEqual([[2.5], [2.5]]);
    expect(full([2], 1, { dtype }).dtype).toBe(dtype);
    const s = scalar(4, { dtype });
    expect(s.shape).toEqual([]);
    expect(s.item()).toBe(4);
  });

  it('the *Like functions copy shape and dtype, even from a view', () => {
    const base = transpose(tensor([[1, 2, 3]], { dtype: 'float64' }));
    for (const made of [zerosLike(base), onesLike(base), fullLike(base, 7)]) {
      expect(made.shape).toEqual([3, 1]);
      expect(made.dtype).toBe('float64');
      expect(made.isContiguous()).toBe(true);
    }
    expect(fullLike(base, 7).toArray()).toEqual([[7], [7], [7]]);
    expect(onesLike(base).toArray()).toEqual([[1], [1], [1]]);
    expect(zerosLike(base).toArray()).toEqual([[0], [0], [0]]);
  });

  it('rejects bad shapes naming the op and the axis', () => {
    expect(() => zeros([2, -1])).toThrow(
      /zeros: shape entries must be non-negative integers; got \[2,-1\] \(axis 1: -1\)/,
    );
    expect(() => ones([2.5])).toThrow(ShapeError);
    expect(() => full([Number.NaN], 1)).toThrow(/full: .*axis 0: NaN/);
  });
});

describe('ranges', () => {
  it.each(dtypes)('arange in %s', (dtype) => {
    expect(arange(4, { dtype }).toArray()).toEqual([0, 1, 2, 3]);
    expect(arange(1, 2, 0.25, { dtype }).toArray()).toEqual([1, 1.25, 1.5, 1.75]);
    expect(arange(5, 1, -2, { dtype }).toArray()).toEqual([5, 3]);
    expect(arange(2, 5, undefined, { dtype }).toArray()).toEqual([2, 3, 4]);
    expect(arange(3, 1).toArray()).toEqual([]);
    expect(arange(4, { dtype }).dtype).toBe(dtype);
  });

  it('arange rejects a zero step and non-finite bounds', () => {
    expect(() => arange(0, 1, 0)).toThrow(/step must be non-zero/);
    expect(() => arange(Number.POSITIVE_INFINITY)).toThrow(ValueError);
  });

  it.each(dtypes)('linspace in %s includes both ends', (dtype) => {
    expect(linspace(0, 1, 5, { dtype }).toArray()).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(linspace(2, 2, 1, { dtype }).toArray()).toEqual([2]);
    expect(linspace(0, 1, 0, { dtype }).toArray()).toEqual([]);
    expect(linspace(0, 0.3, 4, { dtype: 'float64' }).get(3)).toBe(0.3);
  });

  it('linspace rejects a negative or fractional count', () => {
    expect(() => linspace(0, 1, -1)).toThrow(/linspace: num must be a non-negative integer; got -1/);
    expect(() => linspace(0, 1, 2.5)).toThrow(ValueError);
  });

  it.each(dtypes)('eye in %s', (dtype) => {
    expect(eye(3, { dtype }).toArray()).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    expect(eye(0).shape).toEqual([0, 0]);
    expect(() => eye(-1)).toThrow(ValueError);
  });
});

describe('astype', () => {
  it('converts between dtypes, rounding to float32', () => {
    const t = tensor([0.1, 2], { dtype: 'float64' });
    const f = astype(t, 'float32');
    expect(f.dtype).toBe('float32');
    expect(f.get(0)).toBe(Math.fround(0.1));
    expect(astype(f, 'float64').get(0)).toBe(Math.fround(0.1));
  });

  it('returns the same tensor when the dtype matches and copies views in order', () => {
    const t = tensor([1, 2]);
    expect(astype(t, 'float32')).toBe(t);
    const view = transpose(
      tensor([
        [1, 2],
        [3, 4],
      ]),
    );
    expect(astype(view, 'float64').toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
    expect(() => astype(t, 'int8' as never)).toThrow(DTypeError);
  });
});

describe('oneHot', () => {
  it('puts a 1 at each index, in the dtype asked for, for a list or a tensor of any shape', () => {
    expect(oneHot([2, 0], 3).toArray()).toEqual([
      [0, 0, 1],
      [1, 0, 0],
    ]);
    const fromTensor = oneHot(tensor([[1], [0]]), 2, { dtype: 'float64' });
    expect(fromTensor.shape).toEqual([2, 1, 2]);
    expect(fromTensor.dtype).toBe('float64');
    expect(fromTensor.toArray()).toEqual([[[0, 1]], [[1, 0]]]);
    expect(oneHot([], 4).shape).toEqual([0, 4]);
  });
  it('rejects an index that is not an integer in [0, classes), naming its position', () => {
    expect(() => oneHot([0, 3], 3)).toThrow(
      /^oneHot: index 3 at position 1 is not a class index; expected an integer in \[0, 3\)/,
    );
    expect(() => oneHot([0.5], 3)).toThrow(ValueError);
    expect(() => oneHot([0], -1)).toThrow(/^oneHot: classes must be a non-negative integer/);
  });
});
