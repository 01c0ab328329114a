import { checkGrad, grad, mul, stack, sum } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('stack', () => {
  it('stacks along a new axis', () => {
    expectClose(stack([f64([1, 2]), f64([3, 4])]), [
      [1, 2],
      [3, 4],
    ]);
    expectClose(stack([f64([1, 2]), f64([3, 4])], -1), [
      [1, 3],
      [2, 4],
    ]);
    expect(stack([random([2, 3], 1), random([2, 3], 2), random([2, 3], 3)], 1).shape).toEqual([2, 3, 3]);
  });
  it('gives each input its slice of the gradient', () => {
    const [ga, gb] = grad(
      (a, b) =>
        sum(
          mul(
            stack([a, b], 1),
            f64([
              [1, 2],
              [3, 4],
            ]),
          ),
        ),
      [0, 1],
    )(f64([0, 0]), f64([0, 0]));
    expectClose(ga!, [1, 3]);
    expectClose(gb!, [2, 4]);
  });
  it('matches central differences', () => {
    checkGrad((a, b, c) => stack([a, b, c], 1), [random([2, 3], 1), random([2, 3], 2), random([2, 3], 3)]);
  });
});
