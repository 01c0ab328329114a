import { checkGrad, grad, mul, slice, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('slice', () => {
  const x = f64([
    [1, 2, 3],
    [4, 5, 6],
    [7, 8, 9],
  ]);
  it('takes a window; missing axes whole, negatives from the end', () => {
    expectClose(slice(x, [1, 0], [3, 2]), [
      [4, 5],
      [7, 8],
    ]);
    expectClose(slice(x, [-1]), [[7, 8, 9]]);
  });
  it('pads the gradient with zeros outside the window', () => {
    expectClose(
      grad((v) =>
        sum(
          mul(
            slice(v, [1, -2]),
            f64([
              [1, 2],
              [3, 4],
            ]),
          ),
        ),
      )(x),
      [
        [0, 0, 0],
        [0, 1, 2],
        [0, 3, 4],
      ],
    );
  });
  it('matches central differences', () => {
    checkGrad((v) => slice(v, [1, 0, 2], [2, 3, 4]), [random([3, 3, 5], 1)]);
    checkGrad((v) => mul(slice(v, [0], [2]), slice(v, [1], [3])), [random([3, 2], 2)], { order: 2 });
  });
});
