import { broadcastTo, checkGrad, grad, mul, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('broadcastTo', () => {
  it('repeats along new and size-1 axes', () => {
    expectClose(broadcastTo(f64([1, 2]), [2, 2]), [
      [1, 2],
      [1, 2],
    ]);
    expectClose(broadcastTo(f64([[1], [2]]), [2, 3]), [
      [1, 1, 1],
      [2, 2, 2],
    ]);
  });
  it('sums the gradient over the copies (its backward is sumTo)', () => {
    expectClose(
      grad((x) =>
        sum(
          mul(
            broadcastTo(x, [3, 2]),
            f64([
              [1, 2],
              [3, 4],
              [5, 6],
            ]),
          ),
        ),
      )(f64([0, 0])),
      [9, 12],
    );
  });
  it('matches central differences, first and second order', () => {
    checkGrad((x) => broadcastTo(x, [2, 3]), [random([3], 1)], { order: 2 });
    checkGrad((x) => mul(broadcastTo(x, [2, 3, 4]), broadcastTo(x, [2, 3, 4])), [random([3, 1], 2)], { order: 2 });
  });
});
