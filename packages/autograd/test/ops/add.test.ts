import { add, checkGrad, grad, sum, variable } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('add', () => {
  it('adds element-wise with broadcasting', () => {
    expectClose(
      add(
        f64([
          [1, 2],
          [3, 4],
        ]),
        f64([10, 100]),
      ),
      [
        [11, 102],
        [13, 104],
      ],
    );
    expectClose(add(f64([1, 2]), 0.5), [1.5, 2.5]);
  });
  it('sums the gradient of a broadcast input back to its own shape', () => {
    const [ga, gb] = grad((a, b) => sum(add(a, b)), [0, 1])(
      f64([
        [1, 2],
        [3, 4],
        [5, 6],
      ]),
      f64([7, 8]),
    );
    expectClose(ga!, [
      [1, 1],
      [1, 1],
      [1, 1],
    ]);
    expectClose(gb!, [3, 3]);
  });
  it('gives a Var used twice the sum of both gradients', () => {
    const x = variable(f64([1, 2]));
    sum(add(x, x)).backward();
    expectClose(x.grad!, [2, 2]);
  });
  it('matches central differences, same shapes and broadcasting', () => {
    expect(checkGrad(add, [random([2, 3], 1), random([2, 3], 2)]).maxError).toBeLessThan(1e-6);
    checkGrad(add, [random([2, 3], 3), random([3], 4)]);
    checkGrad(add, [random([4, 1], 5), random([1, 3], 6)]);
    checkGrad(add, [random([], 7), random([2, 2], 8)]);
  });
});
