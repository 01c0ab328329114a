import { checkGrad, grad, log1p, sum } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('log1p', () => {
  it('computes ln(1 + x), exact for tiny x; d/dx = 1/(1 + x), d²/dx² = −1/(1 + x)²', () => {
    expectClose(log1p(f64([0, 1, -0.5])), [0, Math.LN2, -Math.LN2]);
    expect(log1p(f64([1e-20])).item()).toBe(1e-20); // log(1 + 1e-20) would be 0
    expectClose(grad((x) => sum(log1p(x)))(f64([1, -0.5, 3])), [0.5, 2, 0.25]);
    expectClose(grad((x) => sum(grad((y) => sum(log1p(y)))(x)))(f64([1, -0.5, 3])), [-0.25, -4, -1 / 16]);
  });
  it('matches central differences, first and second order', () => {
    checkGrad(log1p, [random([2, 3], 1, -0.7, 3)], { order: 2 });
  });
});
