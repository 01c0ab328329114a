import { checkGrad, grad, sqrt, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('sqrt', () => {
  it('takes the square root; d/dx = 1/(2√x)', () => {
    expectClose(sqrt(f64([4, 9, 0.25])), [2, 3, 0.5]);
    expectClose(grad((x) => sum(sqrt(x)))(f64([4, 0.25])), [0.25, 1]);
  });
  it('matches central differences, first and second order', () => {
    checkGrad(sqrt, [random([2, 3], 1, 0.3, 3)], { order: 2 });
  });
});
