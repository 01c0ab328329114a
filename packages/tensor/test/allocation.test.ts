import { type DType, Rng, type Tensor, add, broadcastTo, mul, scalar, sub, tensor, zeros } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';

const dtypes: DType[] = ['float32', 'float64'];

/** The elements of a tensor as a flat row-major array. */
function flat(t: Tensor): number[] {
  const source = t.contiguous();
  return Array.from(source.data.subarray(source.offset, source.offset + source.size));
}

describe('storage of small results (carved from shared slabs)', () => {
  it('gives every result its own elements: writing into one changes no other', () => {
    // Sizes on both sides of the slab's range (65..256 bytes), odd float32 sizes first so float64 starts are tested
    // for 8-byte alignment (a misaligned Float64Array view would throw a RangeError).
    const sizes = [1, 9, 16, 17, 31, 32, 33, 64, 65, 100];
    const results: Tensor[] = [];
    for (let round = 0; round < 40; round++) {
      for (const size of sizes) {
        for (const dtype of dtypes) results.push(add(zeros([size], { dtype }), round + 1));
      }
    }
    results.forEach((result, index) => {
      result.data.fill(-index, result.offset, result.offset + result.size);
    });
    results.forEach((result, index) => {
      expect(flat(result).every((value) => value === -index)).toBe(true);
      expect(result.data.length).toBe(result.size);
      expect(result.offset).toBe(0);
    });
  });

  it('starts every result zero-filled, even after earlier results were written', () => {
    for (const dtype of dtypes) {
      const used = zeros([4, 4], { dtype });
      used.data.fill(7);
      for (let i = 0; i < 200; i++) expect(flat(zeros([4, 4], { dtype })).every((value) => value === 0)).toBe(true);
    }
  });
});

describe('a broadcast scalar operand (every stride 0) of the same shape as the other', () => {
  it.each(dtypes)('gives the same values as the number itself (%s)', (dtype) => {
    const x = new Rng(5).uniform([3, 4], -2, 2, { dtype });
    const three = broadcastTo(scalar(3, { dtype }), [3, 4]);
    expect(three.isContiguous()).toBe(false);
    expect(flat(mul(x, three))).toEqual(flat(mul(x, 3)));
    expect(flat(mul(three, x))).toEqual(flat(mul(3, x)));
    expect(flat(sub(three, x))).toEqual(flat(sub(3, x)));
    const product = mul(three, x);
    expect(product.shape).toEqual([3, 4]);
    expect(product.isContiguous()).toBe(true);
  });

  it('still broadcasts two stride-0 operands of the same shape', () => {
    const a = broadcastTo(tensor([2]), [2, 3]);
    const b = broadcastTo(tensor([5]), [2, 3]);
    expect(add(a, b).toArray()).toEqual([
      [7, 7, 7],
      [7, 7, 7],
    ]);
  });
});
