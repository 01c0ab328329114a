import { checkGrad, grad, mul, sum, swapAxes } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('swapAxes', () => {
  it('exchanges two axes', () => {
    expectClose(
      swapAxes(
        f64([
          [1, 2, 3],
          [4, 5, 6],
        ]),
        0,
        1,
      ),
      [
        [1, 4],
        [2, 5],
        [3, 6],
      ],
    );
    expect(swapAxes(random([2, 3, 4], 1), -1, -3).shape).toEqual([4, 3, 2]);
  });
  it('swaps the gradient back', () => {
    expectClose(
      grad((x) =>
        sum(
          mul(
            swapAxes(x, 0, 1),
            f64([
              [1, 2],
              [3, 4],
              [5, 6],
            ]),
          ),
        ),
      )(
        f64([
          [0, 0, 0],
          [0, 0, 0],
        ]),
      ),
      [
        [1, 3, 5],
        [2, 4, 6],
      ],
    );
  });
  it('matches central differences', () => {
    checkGrad((x) => swapAxes(x, -1, -2), [random([2, 3, 4], 2)]);
  });
});
