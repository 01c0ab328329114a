import { describe, expect, it } from 'vitest';
import {
  Tensor,
  ValueError,
  allFinite,
  broadcastTo,
  reshape,
  slice,
  tensor,
  transpose,
  zeros,
} from '@chainrule/tensor';
import { dtypes } from './reference';

describe.each(dtypes)('allFinite in %s', (dtype) => {
  it('is true for finite values, including the extremes of the dtype', () => {
    const largest = dtype === 'float32' ? 3.4028234663852886e38 : Number.MAX_VALUE;
    expect(
      allFinite(
        tensor(
          [
            [0, -1.5],
            [largest, -largest],
          ],
          { dtype },
        ),
      ),
    ).toBe(true);
    expect(allFinite(tensor([5e-324, -0], { dtype: 'float64' }))).toBe(true);
    expect(allFinite(tensor(3, { dtype }))).toBe(true);
  });

  it('is false when any element is NaN, Infinity or -Infinity, wherever it sits', () => {
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
      for (let position = 0; position < 6; position++) {
        const values = [1, 2, 3, 4, 5, 6];
        values[position] = bad;
        expect(allFinite(tensor(values, { dtype })), `${bad} at ${position}`).toBe(false);
        expect(allFinite(reshape(tensor(values, { dtype }), [2, 3]))).toBe(false);
      }
      expect(allFinite(tensor(bad, { dtype }))).toBe(false);
    }
  });

  it('sees a float32 overflow as infinite', () => {
    expect(allFinite(tensor([1e39], { dtype: 'float32' }))).toBe(false);
    expect(allFinite(tensor([1e39], { dtype: 'float64' }))).toBe(true);
  });

  it('reads only the elements a view shows', () => {
    const x = tensor(
      [
        [1, Number.NaN, 3],
        [4, 5, 6],
        [7, 8, Number.POSITIVE_INFINITY],
      ],
      { dtype },
    );
    expect(allFinite(slice(x, [1], [2]))).toBe(true); // the middle row
    expect(allFinite(slice(x, [0, 0], [3, 1]))).toBe(true); // the first column, strided
    expect(allFinite(slice(x, [0, 1], [3, 2]))).toBe(false); // the middle column holds the NaN
    expect(allFinite(transpose(slice(x, [1, 0], [3, 2])))).toBe(true);
    expect(allFinite(transpose(x))).toBe(false);
  });

  it('checks a huge broadcast view at the cost of its distinct elements', () => {
    const row = tensor([[1, 2, 3]], { dtype });
    expect(allFinite(broadcastTo(row, [2 ** 40, 3]))).toBe(true);
    expect(allFinite(broadcastTo(tensor([[1, Number.NaN, 3]], { dtype }), [2 ** 40, 3]))).toBe(false);
    expect(allFinite(broadcastTo(tensor(Number.POSITIVE_INFINITY, { dtype }), [2 ** 20, 2 ** 20]))).toBe(false);
  });

  it('is true for a tensor with no elements, however long its other axes', () => {
    expect(allFinite(zeros([0], { dtype }))).toBe(true);
    expect(allFinite(zeros([2 ** 40, 0], { dtype }))).toBe(true);
  });
});

describe('allFinite input checks', () => {
  it('rejects anything but a Tensor with a ValueError naming allFinite', () => {
    for (const value of [null, undefined, 3, [1, 2], { shape: [1], data: new Float64Array(1) }]) {
      expect(() => allFinite(value as unknown as Tensor)).toThrow(ValueError);
      expect(() => allFinite(value as unknown as Tensor)).toThrow(/^allFinite: expected a Tensor/);
    }
  });

  it('leaves its argument alone', () => {
    const x = tensor([1, Number.NaN, 3], { dtype: 'float64' });
    allFinite(x);
    expect(Array.from(x.data)).toEqual([1, Number.NaN, 3]);
    expect(x).toBeInstanceOf(Tensor);
  });
});
