import { checkGrad, grad, logSumExp, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('logSumExp', () => {
  it('computes log Σ eˣ stably', () => {
    expectClose(logSumExp(f64([1, 2, 3])), Math.log(Math.E + Math.E ** 2 + Math.E ** 3));
    expectClose(logSumExp(f64([[0, 0], [1000, 1000]]), 1), [Math.log(2), 1000 + Math.log(2)]);
  });
  it('has the softmax as gradient', () => {
    const z = Math.E + Math.E ** 2 + Math.E ** 3;
    expectClose(grad((v) => logSumExp(v))(f64([1, 2, 3])), [Math.E / z, Math.E ** 2 / z, Math.E ** 3 / z]);
    expectClose(grad((v) => sum(logSumExp(v, 1)))(f64([[1000, 1000], [0, Math.log(3)]])), [
      [0.5, 0.5],
      [0.25, 0.75],
    ]);
  });
  it('matches central differences, first and second order', () => {
    const input = random([3, 4], 1);
    checkGrad((v) => logSumExp(v), [input], { order: 2 });
    checkGrad((v) => logSumExp(v, 1, true), [input], { order: 2 });
    checkGrad((v) => logSumExp(v, [0]), [input], { order: 2 });
  });
});
