import { checkGrad, grad, softplus, sum } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

const s = (x: number): number => 1 / (1 + Math.exp(-x));
const xs = [-3, -0.5, 0, 2];

describe('softplus', () => {
  it('computes log(1 + eˣ); d/dx = σ(x), d²/dx² = σ(x)(1 − σ(x))', () => {
    expectClose(
      softplus(f64(xs)),
      xs.map((x) => Math.log(1 + Math.exp(x))),
    );
    expectClose(grad((x) => sum(softplus(x)))(f64(xs)), xs.map(s));
    expectClose(
      grad((x) => sum(grad((y) => sum(softplus(y)))(x)))(f64(xs)),
      xs.map((x) => s(x) * (1 - s(x))),
    );
  });
  it('stays finite with exact limits far out, value and gradient', () => {
    expectClose(softplus(f64([-1e4, 1e4])), [0, 1e4]);
    expect(grad((x) => sum(softplus(x)))(f64([-1e4, 1e4])).toArray()).toEqual([0, 1]);
  });
  it('matches central differences, first and second order', () => {
    checkGrad(softplus, [random([2, 3], 1, -5, 5)], { order: 2 });
  });
});
