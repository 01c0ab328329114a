import { checkGrad, expm1, grad, sum } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('expm1', () => {
  it('computes eˣ − 1, exact for tiny x; d/dx = d²/dx² = eˣ, kept where eˣ − 1 rounds to −1', () => {
    expectClose(expm1(f64([0, 1, -1])), [0, Math.E - 1, 1 / Math.E - 1]);
    expect(expm1(f64([1e-20])).item()).toBe(1e-20); // exp(1e-20) − 1 would be 0
    expectClose(grad((x) => sum(expm1(x)))(f64([0, 1, -50])), [1, Math.E, Math.exp(-50)]);
    expectClose(grad((x) => sum(grad((y) => sum(expm1(y)))(x)))(f64([0, 2])), [1, Math.exp(2)]);
  });
  it('matches central differences, first and second order', () => {
    checkGrad(expm1, [random([2, 3], 1, -3, 3)], { order: 2 });
  });
});
