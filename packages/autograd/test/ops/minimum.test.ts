import { checkGrad, grad, minimum, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('minimum', () => {
  it('takes the element-wise minimum with broadcasting', () => {
    expectClose(
      minimum(
        f64([
          [1, 5],
          [3, 2],
        ]),
        f64([2, 4]),
      ),
      [
        [1, 4],
        [2, 2],
      ],
    );
  });
  it('routes the gradient to the smaller input, half to each on ties', () => {
    const [ga, gb] = grad((a, b) => sum(minimum(a, b)), [0, 1])(f64([1, 5, 3]), f64([2, 4, 3]));
    expectClose(ga!, [1, 0, 0.5]);
    expectClose(gb!, [0, 1, 0.5]);
  });
  it('matches central differences, with broadcasting', () => {
    checkGrad(minimum, [random([2, 3], 1), random([2, 3], 2)]);
    checkGrad(minimum, [random([4, 1], 3), random([3], 4)]);
  });
});
