// Gradients through empty tensors whose other axes are huge ([2^40, 0]): they hold no element, so forward and
// backward must return at once. The backward of broadcastTo is a sum over the broadcast axes (sumTo); a sum that
// walks the phantom elements of such a shape never returns, so a regression here shows up as a timeout.
import { describe, expect, it } from 'vitest';
import { broadcastTo, mean, sum, sumTo, variable } from '@chainrule/autograd';
import { zeros } from '@chainrule/tensor';

const HUGE = 2 ** 40;

describe('backward through empty tensors with a huge axis returns at once', () => {
  it('broadcastTo to [2^40, 0]: the gradient is summed back to [1, 0]', () => {
    const x = variable(zeros([1, 0], { dtype: 'float64' }));
    sum(broadcastTo(x, [HUGE, 0])).backward();
    expect(x.grad?.shape).toEqual([1, 0]);
  });

  it('mean and sum over the long axis, and sumTo, differentiate to empty gradients', () => {
    const x = variable(zeros([1, 0], { dtype: 'float64' }));
    sum(mean(broadcastTo(x, [HUGE, 3, 0]), 0)).backward();
    expect(x.grad?.shape).toEqual([1, 0]);
    const y = variable(zeros([HUGE, 0]));
    sum(sumTo(y, [1, 0])).backward();
    expect(y.grad?.shape).toEqual([HUGE, 0]);
    expect(sum(y, 0).shape).toEqual([0]);
  });
});
