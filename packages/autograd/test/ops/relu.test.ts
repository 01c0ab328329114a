import { checkGrad, grad, relu, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('relu', () => {
  it('clamps at 0; the gradient is 1 for x > 0 and 0 otherwise (0 at x = 0)', () => {
    expectClose(relu(f64([-1, 0, 2])), [0, 0, 2]);
    expectClose(grad((x) => sum(relu(x)))(f64([-1, 0, 2])), [0, 0, 1]);
  });
  it('has second derivative 0', () => {
    expectClose(grad((x) => sum(grad((y) => sum(relu(y)))(x)))(f64([-1, 2])), [0, 0]);
  });
  it('matches central differences away from 0, first and second order', () => {
    const x = random([3, 4], 1);
    checkGrad(relu, [x], { order: 2 });
  });
});
