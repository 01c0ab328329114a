import { type Tensor, scalar } from '@chainrule/tensor';
import { checkGrad, grad, pow, sum } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

const dAdB = (a: Tensor, b: Tensor) => grad((p, q) => sum(grad((r) => sum(pow(r, q)))(p)), 1)(a, b);

describe('pow', () => {
  it('raises element-wise, with a number exponent or a broadcast tensor', () => {
    expectClose(pow(f64([1, 2, 3]), 2), [1, 4, 9]);
    expectClose(pow(f64([[2], [3]]), f64([0, 1, 2])), [
      [1, 2, 4],
      [1, 3, 9],
    ]);
  });
  it('gives ∂/∂a = b·a^(b−1) and ∂/∂b = a^b·ln a', () => {
    const [ga, gb] = grad((a, b) => sum(pow(a, b)), [0, 1])(f64([2, 3]), f64([3, 0.5]));
    expectClose(ga!, [3 * 4, 0.5 / Math.sqrt(3)]);
    expectClose(gb!, [8 * Math.log(2), Math.sqrt(3) * Math.log(3)]);
  });
  it('has finite derivatives where a zero base or exponent makes the naive formula 0·∞', () => {
    const [ga, gb] = grad((a, b) => sum(pow(a, b)), [0, 1])(f64([0, 0, 2]), f64([0, 2, 0]));
    expectClose(ga!, [0, 0, 0]);
    expectClose(gb!, [0, 0, Math.log(2)]);
    const second = grad(grad((x) => pow(x, 2)))(scalar(0, { dtype: 'float64' }));
    expect(second.item()).toBe(2);
  });
  it('matches central differences, first and second order, with broadcasting', () => {
    checkGrad(pow, [random([2, 3], 1, 0.5, 2), random([2, 3], 2)], { order: 2 });
    checkGrad(pow, [random([2, 3], 3, 0.5, 2), random([3], 4)], { order: 2 });
    checkGrad((x) => pow(x, 3), [random([4], 5)], { order: 2 });
    checkGrad((b) => pow(2.5, b), [random([3], 6)], { order: 2 });
  });
  it('has the right second derivatives where the exponent is 0 and the base is not', () => {
    // ∂²(aᵇ)/∂b∂a = ∂/∂b [b·aᵇ⁻¹] = aᵇ⁻¹·(1 + b·ln a), which is 1/a at b = 0; ∂/∂a [aᵇ·ln a] gives the same.
    const a = f64([2, 3, 0.5]);
    const b = f64([0, 0, 0]);
    expectClose(dAdB(a, b), [0.5, 1 / 3, 2]);
    const dBdA = grad((p, q) => sum(grad((r) => sum(pow(p, r)))(q)), 0)(a, b);
    expectClose(dBdA, [0.5, 1 / 3, 2]);
    // ∂²(aᵇ)/∂a² = b·(b−1)·aᵇ⁻², which is 0 at b = 0.
    expectClose(grad((p) => sum(grad((r) => sum(pow(r, b)))(p)))(a), [0, 0, 0]);
    checkGrad(pow, [f64([2, 3]), f64([0, 0])], { order: 2 });
    checkGrad(pow, [random([4], 7, 0.5, 2), f64([0, 1.5, 0, -1])], { order: 2 });
    checkGrad(pow, [random([3, 1], 8, 0.5, 2), f64([0, 2, -0.5])], { order: 2 });
  });
  it('keeps finite second derivatives at a = b = 0, where aᵇ has no limit', () => {
    const zero = f64([0]);
    const mixed = dAdB(zero, zero).toArray() as number[];
    const pure = grad((p) => sum(grad((r) => sum(pow(r, zero)))(p)))(zero).toArray() as number[];
    expect(Number.isFinite(mixed[0])).toBe(true);
    expect(pure).toEqual([0]);
  });
});
