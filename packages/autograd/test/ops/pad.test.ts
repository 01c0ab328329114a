import { checkGrad, grad, mul, pad, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('pad', () => {
  it('pads each axis with a constant', () => {
    expectClose(
      pad(f64([[1, 2]]), [
        [1, 0],
        [0, 1],
      ]),
      [
        [0, 0, 0],
        [1, 2, 0],
      ],
    );
    expectClose(pad(f64([1]), [[1, 1]], -1), [-1, 1, -1]);
  });
  it('slices the gradient back to the original window', () => {
    expectClose(
      grad((x) =>
        sum(
          mul(
            pad(x, [
              [1, 0],
              [0, 1],
            ]),
            f64([
              [1, 2, 3],
              [4, 5, 6],
            ]),
          ),
        ),
      )(f64([[0, 0]])),
      [[4, 5]],
    );
  });
  it('matches central differences', () => {
    checkGrad(
      (x) =>
        pad(
          x,
          [
            [1, 2],
            [0, 1],
          ],
          3,
        ),
      [random([2, 3], 1)],
    );
  });
});
