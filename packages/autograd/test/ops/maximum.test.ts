import { checkGrad, grad, maximum, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('maximum', () => {
  it('takes the element-wise maximum with broadcasting', () => {
    expectClose(
      maximum(
        f64([
          [1, 5],
          [3, 2],
        ]),
        f64([2, 4]),
      ),
      [
        [2, 5],
        [3, 4],
      ],
    );
  });
  it('routes the gradient to the larger input, half to each on ties', () => {
    const [ga, gb] = grad((a, b) => sum(maximum(a, b)), [0, 1])(f64([1, 5, 3]), f64([2, 4, 3]));
    expectClose(ga!, [0, 1, 0.5]);
    expectClose(gb!, [1, 0, 0.5]);
  });
  it('matches central differences, with broadcasting', () => {
    checkGrad(maximum, [random([2, 3], 1), random([2, 3], 2)]);
    checkGrad(maximum, [random([2, 3], 3), random([3], 4)]);
  });
});
