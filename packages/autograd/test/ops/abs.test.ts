import { abs, checkGrad, grad, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('abs', () => {
  it('takes the absolute value; the gradient is sign(x), 0 at x = 0', () => {
    expectClose(abs(f64([-3, 0, 2])), [3, 0, 2]);
    expectClose(grad((x) => sum(abs(x)))(f64([-3, 0, 2])), [-1, 0, 1]);
  });
  it('matches central differences away from 0', () => {
    checkGrad(abs, [random([2, 3], 1, 0.1, 2)]);
    checkGrad(abs, [random([2, 3], 2, -2, -0.1)]);
  });
});
