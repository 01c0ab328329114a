import { checkGrad, elu, grad, sum } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('elu', () => {
  it('is x for x > 0, α(eˣ − 1) otherwise; the derivative is 1 or αeˣ (α at 0, as PyTorch), the second 0 or αeˣ', () => {
    const x = f64([-2, 0, 3]);
    expectClose(elu(x, 1.5), [1.5 * Math.expm1(-2), 0, 3]);
    expectClose(grad((v) => sum(elu(v, 1.5)))(x), [1.5 * Math.exp(-2), 1.5, 1]);
    expectClose(grad((v) => sum(grad((w) => sum(elu(w, 1.5)))(v)))(x), [1.5 * Math.exp(-2), 1.5, 0]);
  });
  it('keeps finite derivatives at large positive x, where eˣ overflows', () => {
    expect(grad((v) => sum(grad((w) => sum(elu(w)))(v)))(f64([1e3, -1e3])).toArray()).toEqual([0, 0]);
  });
  it('matches central differences, first and second order', () => {
    checkGrad((x) => elu(x), [random([3, 4], 1)], { order: 2 });
    checkGrad((x) => elu(x, 0.3), [random([3, 4], 2)], { order: 2 });
  });
});
