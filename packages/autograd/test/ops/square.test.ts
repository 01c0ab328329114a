import { checkGrad, grad, square, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('square', () => {
  it('squares; d/dx = 2x, d²/dx² = 2', () => {
    expectClose(square(f64([-3, 0.5])), [9, 0.25]);
    expectClose(grad((x) => sum(square(x)))(f64([-3, 0.5])), [-6, 1]);
    expectClose(grad((x) => sum(grad((y) => sum(square(y)))(x)))(f64([-3, 0.5])), [2, 2]);
  });
  it('matches central differences, first and second order', () => {
    checkGrad(square, [random([2, 3], 1)], { order: 2 });
  });
});
