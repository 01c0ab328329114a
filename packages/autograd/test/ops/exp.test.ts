import { checkGrad, exp, grad, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('exp', () => {
  it('exponentiates; the first and second derivatives are eˣ', () => {
    expectClose(exp(f64([0, 1, -1])), [1, Math.E, 1 / Math.E]);
    expectClose(grad((x) => sum(exp(x)))(f64([0, 2])), [1, Math.exp(2)]);
    expectClose(grad((x) => sum(grad((y) => sum(exp(y)))(x)))(f64([0, 2])), [1, Math.exp(2)]);
  });
  it('matches central differences, first and second order', () => {
    checkGrad(exp, [random([2, 3], 1)], { order: 2 });
  });
});
