import { checkGrad, flatten, grad, mul, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('flatten', () => {
  it('lays all elements out in one axis', () => {
    expectClose(
      flatten(
        f64([
          [1, 2],
          [3, 4],
        ]),
      ),
      [1, 2, 3, 4],
    );
  });
  it('reshapes the gradient back', () => {
    expectClose(
      grad((x) => sum(mul(flatten(x), f64([1, 2, 3, 4]))))(
        f64([
          [0, 0],
          [0, 0],
        ]),
      ),
      [
        [1, 2],
        [3, 4],
      ],
    );
  });
  it('matches central differences', () => checkGrad(flatten, [random([2, 3, 2], 1)]));
});
