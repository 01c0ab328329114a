import { checkGrad, grad, mul, sum, sumTo } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('sumTo', () => {
  it('sums broadcast axes away', () => {
    expectClose(
      sumTo(
        f64([
          [1, 2],
          [3, 4],
          [5, 6],
        ]),
        [2],
      ),
      [9, 12],
    );
    expectClose(
      sumTo(
        f64([
          [1, 2],
          [3, 4],
        ]),
        [2, 1],
      ),
      [[3], [7]],
    );
  });
  it('broadcasts the gradient back (its backward is broadcastTo)', () => {
    expectClose(
      grad((x) => sum(mul(sumTo(x, [2]), f64([1, 10]))))(
        f64([
          [1, 2],
          [3, 4],
        ]),
      ),
      [
        [1, 10],
        [1, 10],
      ],
    );
  });
  it('matches central differences, first and second order', () => {
    checkGrad((x) => sumTo(x, [3]), [random([2, 3], 1)], { order: 2 });
    checkGrad((x) => mul(sumTo(x, [2, 1, 3]), sumTo(x, [1, 4, 1])), [random([2, 4, 3], 2)], { order: 2 });
  });
});
