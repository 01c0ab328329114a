import { checkGrad, grad, max, mul, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('max', () => {
  it('reduces to the maximum over all axes or the given ones', () => {
    const x = f64([
      [1, 7, 3],
      [4, 2, 6],
    ]);
    expectClose(max(x), 7);
    expectClose(max(x, 0), [4, 7, 6]);
    expectClose(max(x, 1, true), [[7], [6]]);
  });
  it('sends the gradient to the maximum, split evenly among ties', () => {
    expectClose(
      grad((v) => max(v))(
        f64([
          [1, 7, 3],
          [4, 2, 6],
        ]),
      ),
      [
        [0, 1, 0],
        [0, 0, 0],
      ],
    );
    expectClose(
      grad((v) => sum(mul(max(v, 1), f64([2, 3]))))(
        f64([
          [5, 5, 1],
          [4, 6, 6],
        ]),
      ),
      [
        [1, 1, 0],
        [0, 1.5, 1.5],
      ],
    );
  });
  it('matches central differences (distinct random values, so no ties)', () => {
    const input = random([3, 4], 1);
    checkGrad((v) => max(v), [input]);
    checkGrad((v) => max(v, 0), [input]);
    checkGrad((v) => max(v, [1], true), [input]);
  });
});
