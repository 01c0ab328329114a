import { describe, expect, it } from 'vitest';
import { DTypeError, ShapeError, Tensor, tensor, transpose } from '@chainrule/tensor';

describe('Tensor constructor', () => {
  it('wraps data without copying, with row-major strides by default', () => {
    const data = new Float64Array([1, 2, 3, 4, 5, 6]);
    const t = new Tensor(data, [2, 3]);
    expect(t.data).toBe(data);
    expect(t.shape).toEqual([2, 3]);
    expect(t.strides).toEqual([3, 1]);
    expect(t.offset).toBe(0);
    expect(t.dtype).toBe('float64');
    expect(t.size).toBe(6);
    expect(t.rank).toBe(2);
    expect(t.get(1, 2)).toBe(6);
  });

  it('takes the dtype from the storage', () => {
    expect(new Tensor(new Float32Array(2), [2]).dtype).toBe('float32');
    expect(new Tensor(new Float64Array(2), [2]).dtype).toBe('float64');
  });

  it('accepts explicit strides and offset', () => {
    const t = new Tensor(new Float32Array([0, 1, 2, 3, 4, 5, 6]), [2, 2], [1, 2], 3);
    expect(t.toArray()).toEqual([
      [3, 5],
      [4, 6],
    ]);
    expect(t.isContiguous()).toBe(false);
  });

  it('copies the shape it is given, so later edits to the caller array do not leak in', () => {
    const shape = [2, 2];
    const t = new Tensor(new Float32Array(4), shape);
    shape[0] = 4;
    expect(t.shape).toEqual([2, 2]);
  });

  it('rejects negative, fractional and NaN dims naming the axis', () => {
    expect(() => new Tensor(new Float32Array(4), [2, -2])).toThrow(/axis 1: -2/);
    expect(() => new Tensor(new Float32Array(4), [1.5, 2])).toThrow(ShapeError);
    expect(() => new Tensor(new Float32Array(4), [Number.NaN])).toThrow(/axis 0/);
  });

  it('rejects layouts that reach outside the buffer', () => {
    expect(() => new Tensor(new Float32Array(5), [2, 3])).toThrow(/buffer of length 5/);
    expect(() => new Tensor(new Float32Array(6), [2, 3], [3, 1], 1)).toThrow(ShapeError);
    expect(() => new Tensor(new Float32Array(6), [2, 3], [3])).toThrow(/expected 2 strides/);
    expect(() => new Tensor(new Float32Array(6), [2, 3], [3, 1], -1)).toThrow(/offset/);
    expect(() => new Tensor(new Float32Array(6), [2, 3], [3, 0.5])).toThrow(/integers/);
  });

  it('allows an empty tensor anywhere up to the end of the buffer', () => {
    expect(new Tensor(new Float32Array(3), [0, 5], [5, 1], 3).size).toBe(0);
  });

  it('rejects storage that is not a Float32Array, Float64Array or Int32Array', () => {
    expect(() => new Tensor(new Uint8Array(4) as unknown as Float32Array, [4])).toThrow(DTypeError);
    expect(() => new Tensor(new Int16Array(4) as unknown as Float32Array, [4])).toThrow(DTypeError);
  });
});

describe('contiguous', () => {
  it('returns the tensor itself when already contiguous', () => {
    const t = tensor([1, 2, 3]);
    expect(t.contiguous()).toBe(t);
  });

  it('copies a transposed view into row-major order', () => {
    const t = transpose(
      tensor([
        [1, 2, 3],
        [4, 5, 6],
      ]),
    );
    const c = t.contiguous();
    expect(c.isContiguous()).toBe(true);
    expect(c.data).not.toBe(t.data);
    expect(Array.from(c.data)).toEqual([1, 4, 2, 5, 3, 6]);
    expect(c.toArray()).toEqual(t.toArray());
  });
});

describe('toArray, item, get', () => {
  it('gives nested arrays, and a number for 0-d', () => {
    expect(tensor([[[1], [2]]]).toArray()).toEqual([[[1], [2]]]);
    expect(tensor(7).toArray()).toBe(7);
    expect(tensor([]).toArray()).toEqual([]);
  });

  it('item reads a size-1 tensor of any rank and rejects others', () => {
    expect(tensor([[2.5]], { dtype: 'float64' }).item()).toBe(2.5);
    expect(tensor(3).item()).toBe(3);
    expect(() => tensor([1, 2]).item()).toThrow(/item: expected a tensor with exactly one element; got shape \[2\]/);
  });

  it('get accepts negative indices and rejects out-of-range ones', () => {
    const t = tensor([
      [1, 2],
      [3, 4],
    ]);
    expect(t.get(-1, 0)).toBe(3);
    expect(() => t.get(2, 0)).toThrow(/axis 0: 2/);
    expect(() => t.get(0)).toThrow(/expected 2 indices/);
    expect(() => t.get(0, 0.5)).toThrow(ShapeError);
  });
});
