import { checkGrad, cos, grad, sin, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

const xs = [-2, -0.5, 0, 1, 3];
const second = (f: typeof sin) => grad((x) => sum(grad((y) => sum(f(y)))(x)));

describe('sin', () => {
  it('computes sin x; d/dx = cos x, d²/dx² = −sin x', () => {
    expectClose(sin(f64(xs)), xs.map(Math.sin));
    expectClose(grad((x) => sum(sin(x)))(f64(xs)), xs.map(Math.cos));
    expectClose(
      second(sin)(f64(xs)),
      xs.map((x) => -Math.sin(x)),
    );
  });
  it('matches central differences, first and second order', () => {
    checkGrad(sin, [random([2, 3], 1, -4, 4)], { order: 2 });
  });
});

describe('cos', () => {
  it('computes cos x; d/dx = −sin x, d²/dx² = −cos x', () => {
    expectClose(cos(f64(xs)), xs.map(Math.cos));
    expectClose(
      grad((x) => sum(cos(x)))(f64(xs)),
      xs.map((x) => -Math.sin(x)),
    );
    expectClose(
      second(cos)(f64(xs)),
      xs.map((x) => -Math.cos(x)),
    );
  });
  it('matches central differences, first and second order', () => {
    checkGrad(cos, [random([2, 3], 2, -4, 4)], { order: 2 });
  });
});
