import { checkGrad, grad, sub, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('sub', () => {
  it('subtracts element-wise with broadcasting', () => {
    expectClose(
      sub(
        f64([
          [1, 2],
          [3, 4],
        ]),
        f64([1, 10]),
      ),
      [
        [0, -8],
        [2, -6],
      ],
    );
    expectClose(sub(1, f64([0.25, 2])), [0.75, -1]);
  });
  it('gives +1 to a and −1 to b, summed over broadcast axes', () => {
    const [ga, gb] = grad((a, b) => sum(sub(a, b)), [0, 1])(
      f64([
        [1, 2],
        [3, 4],
      ]),
      f64([5]),
    );
    expectClose(ga!, [
      [1, 1],
      [1, 1],
    ]);
    expectClose(gb!, [-4]);
  });
  it('matches central differences, same shapes and broadcasting', () => {
    checkGrad(sub, [random([2, 3], 1), random([2, 3], 2)]);
    checkGrad(sub, [random([3], 3), random([2, 3], 4)]);
    checkGrad(sub, [random([2, 1, 3], 5), random([4, 1], 6)]);
  });
});
