import { checkGrad, grad, log, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('log', () => {
  it('takes the natural log; d/dx = 1/x, d²/dx² = −1/x²', () => {
    expectClose(log(f64([1, Math.E, 0.5])), [0, 1, Math.log(0.5)]);
    expectClose(grad((x) => sum(log(x)))(f64([2, 0.25])), [0.5, 4]);
    expectClose(grad((x) => sum(grad((y) => sum(log(y)))(x)))(f64([2, 0.25])), [-0.25, -16]);
  });
  it('matches central differences, first and second order', () => {
    checkGrad(log, [random([2, 3], 1, 0.3, 3)], { order: 2 });
  });
});
