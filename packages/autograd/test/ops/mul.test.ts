import { checkGrad, grad, mul, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('mul', () => {
  it('broadcasts a row across a matrix', () => {
    expectClose(
      mul(
        f64([
          [1, 2],
          [3, 4],
        ]),
        f64([10, 100]),
      ),
      [
        [10, 200],
        [30, 400],
      ],
    );
  });
  it('gives ∂/∂a = b and ∂/∂b = a, summed over broadcast axes', () => {
    const [ga, gb] = grad((a, b) => sum(mul(a, b)), [0, 1])(
      f64([
        [1, 2],
        [3, 4],
      ]),
      f64([10, 100]),
    );
    expectClose(ga!, [
      [10, 100],
      [10, 100],
    ]);
    expectClose(gb!, [4, 6]);
  });
  it('matches central differences, first and second order, with broadcasting', () => {
    checkGrad(mul, [random([2, 3], 1), random([2, 3], 2)], { order: 2 });
    checkGrad(mul, [random([2, 3], 3), random([3], 4)], { order: 2 });
    checkGrad(mul, [random([3, 1], 5), random([1, 4], 6)], { order: 2 });
    checkGrad((x) => mul(x, x), [random([2, 2], 7)], { order: 2 });
  });
});
