import { checkGrad, grad, reciprocal, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('reciprocal', () => {
  it('takes 1/x; d/dx = −1/x²', () => {
    expectClose(reciprocal(f64([2, -0.5])), [0.5, -2]);
    expectClose(grad((x) => sum(reciprocal(x)))(f64([2, -0.5])), [-0.25, -4]);
  });
  it('matches central differences, first and second order', () => {
    checkGrad(reciprocal, [random([2, 3], 1, 0.5, 2)], { order: 2 });
  });
});
