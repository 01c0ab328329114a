import { checkGrad, grad, silu, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

const s = (x: number): number => 1 / (1 + Math.exp(-x));
const xs = [-3, -0.5, 0, 2];

describe('silu', () => {
  it('computes x·σ(x); d/dx = σ(1 + x(1 − σ)), d²/dx² = σ(1 − σ)(2 + x(1 − 2σ))', () => {
    expectClose(
      silu(f64(xs)),
      xs.map((x) => x * s(x)),
    );
    expectClose(
      grad((x) => sum(silu(x)))(f64(xs)),
      xs.map((x) => s(x) * (1 + x * (1 - s(x)))),
    );
    expectClose(
      grad((x) => sum(grad((y) => sum(silu(y)))(x)))(f64(xs)),
      xs.map((x) => s(x) * (1 - s(x)) * (2 + x * (1 - 2 * s(x)))),
    );
  });
  it('matches central differences, first and second order', () => {
    checkGrad(silu, [random([2, 3], 1, -5, 5)], { order: 2 });
  });
});
