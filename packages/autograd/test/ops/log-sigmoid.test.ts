import { checkGrad, grad, logSigmoid, sum } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

const s = (x: number): number => 1 / (1 + Math.exp(-x));
const xs = [-3, -0.5, 0, 2];

describe('logSigmoid', () => {
  it('computes log σ(x); d/dx = σ(−x), d²/dx² = −σ(x)σ(−x)', () => {
    expectClose(
      logSigmoid(f64(xs)),
      xs.map((x) => Math.log(s(x))),
    );
    expectClose(
      grad((x) => sum(logSigmoid(x)))(f64(xs)),
      xs.map((x) => s(-x)),
    );
    expectClose(
      grad((x) => sum(grad((y) => sum(logSigmoid(y)))(x)))(f64(xs)),
      xs.map((x) => -s(x) * s(-x)),
    );
  });
  it('is finite where log(sigmoid(x)) is −Infinity, with gradient 1 there', () => {
    expect(logSigmoid(f64([-1e4])).item()).toBe(-1e4);
    expect(grad((x) => sum(logSigmoid(x)))(f64([-1e4, 1e4])).toArray()).toEqual([1, 0]);
  });
  it('matches central differences, first and second order', () => {
    checkGrad(logSigmoid, [random([2, 3], 1, -5, 5)], { order: 2 });
  });
});
