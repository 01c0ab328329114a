import { checkGrad, grad, sigmoid, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

const s = (x: number): number => 1 / (1 + Math.exp(-x));

describe('sigmoid', () => {
  it('computes 1/(1+e⁻ˣ); σ′ = σ(1−σ), σ″ = σ(1−σ)(1−2σ)', () => {
    const xs = [-2, 0, 0.5, 3];
    expectClose(sigmoid(f64(xs)), xs.map(s));
    expectClose(
      grad((x) => sum(sigmoid(x)))(f64(xs)),
      xs.map((x) => s(x) * (1 - s(x))),
    );
    expectClose(
      grad((x) => sum(grad((y) => sum(sigmoid(y)))(x)))(f64(xs)),
      xs.map((x) => s(x) * (1 - s(x)) * (1 - 2 * s(x))),
    );
  });
  it('matches central differences, first and second order (TF.js #3252)', () => {
    checkGrad(sigmoid, [random([2, 3], 1, -4, 4)], { order: 2 });
  });
});
