// Empty tensors whose other axes are huge ([2^40, 0], a shape a 78-byte file can declare): they hold no element, so
// every op on them must return at once. A loop that walks the phantom elements of such a shape never returns, so a
// regression here shows up as a test that times out.
import { describe, expect, it } from 'vitest';
import {
  ShapeError,
  argmax,
  broadcastTo,
  logSumExp,
  max,
  mean,
  min,
  scalar,
  sum,
  sumTo,
  zeros,
} from '@chainrule/tensor';

const HUGE = 2 ** 40;

describe('reductions over an empty tensor with a huge axis return at once', () => {
  it('sum, mean, max, min and logSumExp over the long axis give an empty result', () => {
    const x = zeros([HUGE, 0]);
    for (const reduce of [sum, mean, max, min, logSumExp]) {
      const out = reduce(x, 0);
      expect(out.shape).toEqual([0]);
      expect(reduce(x, 0, true).shape).toEqual([1, 0]);
    }
    expect(argmax(x, 0).shape).toEqual([0]);
  });

  it('the long axis anywhere: in front, in the middle, reduced with a neighbour', () => {
    expect(sum(zeros([3, HUGE, 0]), 1).shape).toEqual([3, 0]);
    expect(mean(zeros([HUGE, 2, 0]), [0, 1]).shape).toEqual([0]);
    expect(sum(zeros([0, HUGE]), 1).shape).toEqual([0]);
    expect(sum(zeros([HUGE, 0, 3]), [0, 2]).shape).toEqual([0]);
  });

  it('a whole-tensor sum is 0 and a whole-tensor mean is a ShapeError (no elements), at once', () => {
    expect(sum(zeros([HUGE, 0])).item()).toBe(0);
    expect(() => mean(zeros([HUGE, 0]))).toThrow(ShapeError);
  });

  it('a reduction whose result really is huge is refused by allocation, not computed', () => {
    expect(() => sum(zeros([HUGE, 0]), 1)).toThrow(ShapeError);
  });

  it('sumTo (the backward of broadcastTo) sums a huge empty shape back at once', () => {
    expect(sumTo(zeros([HUGE, 0]), [1, 0]).shape).toEqual([1, 0]);
    expect(sumTo(zeros([HUGE, 3, 0]), [0]).shape).toEqual([0]);
  });
});

describe('toArray of a huge empty or broadcast shape', () => {
  it('builds the nested empty arrays of a small empty tensor', () => {
    expect(zeros([2, 0]).toArray()).toEqual([[], []]);
    expect(zeros([0, HUGE]).toArray()).toEqual([]);
  });

  it('throws a ShapeError naming toArray instead of building 2^40 arrays or a 10^15-element view', () => {
    expect(() => zeros([HUGE, 0]).toArray()).toThrow(/^toArray: shape \[1099511627776,0\] would need 1099511627776 /);
    expect(() => broadcastTo(scalar(1), [1e5, 1e5, 1e5]).toArray()).toThrow(ShapeError);
  });
});

describe('sizes of empty shapes', () => {
  it('are 0 even when the other axes multiply past Infinity (never Infinity·0 = NaN)', () => {
    const view = broadcastTo(zeros([1]), [...new Array<number>(63).fill(2 ** 53 - 1), 0]);
    expect(view.size).toBe(0);
    expect(String(view).startsWith('tensor([], shape=[')).toBe(true);
    expect(sum(view).item()).toBe(0);
  });
});
