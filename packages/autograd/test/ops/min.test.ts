import { checkGrad, grad, min, mul, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('min', () => {
  it('reduces to the minimum over all axes or the given ones', () => {
    const x = f64([
      [1, 7, 3],
      [4, 2, 6],
    ]);
    expectClose(min(x), 1);
    expectClose(min(x, 0), [1, 2, 3]);
    expectClose(min(x, -1, true), [[1], [2]]);
  });
  it('sends the gradient to the minimum, split evenly among ties', () => {
    expectClose(
      grad((v) => sum(mul(min(v, 1), f64([2, 3]))))(
        f64([
          [1, 1, 5],
          [4, 2, 6],
        ]),
      ),
      [
        [1, 1, 0],
        [0, 3, 0],
      ],
    );
  });
  it('matches central differences (distinct random values, so no ties)', () => {
    const input = random([3, 4], 1);
    checkGrad((v) => min(v), [input]);
    checkGrad((v) => min(v, 1), [input]);
  });
});
