import { checkGrad, grad, sum, tanh } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('tanh', () => {
  it('computes tanh; tanh′ = 1 − tanh², tanh″ = −2 tanh (1 − tanh²)', () => {
    const xs = [-2, 0, 0.5, 3];
    expectClose(tanh(f64(xs)), xs.map(Math.tanh));
    expectClose(
      grad((x) => sum(tanh(x)))(f64(xs)),
      xs.map((x) => 1 - Math.tanh(x) ** 2),
    );
    expectClose(
      grad((x) => sum(grad((y) => sum(tanh(y)))(x)))(f64(xs)),
      xs.map((x) => -2 * Math.tanh(x) * (1 - Math.tanh(x) ** 2)),
    );
  });
  it('matches central differences, first and second order', () => {
    checkGrad(tanh, [random([2, 3], 1, -3, 3)], { order: 2 });
  });
});
