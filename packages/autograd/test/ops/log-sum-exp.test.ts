import { zeros } from '@chainrule/tensor';
import { checkGrad, grad, logSumExp, sum, variable } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('logSumExp', () => {
  it('computes log Σ eˣ stably', () => {
    expectClose(logSumExp(f64([1, 2, 3])), Math.log(Math.E + Math.E ** 2 + Math.E ** 3));
    expectClose(
      logSumExp(
        f64([
          [0, 0],
          [1000, 1000],
        ]),
        1,
      ),
      [Math.log(2), 1000 + Math.log(2)],
    );
  });
  it('has the softmax as gradient', () => {
    const z = Math.E + Math.E ** 2 + Math.E ** 3;
    expectClose(grad((v) => logSumExp(v))(f64([1, 2, 3])), [Math.E / z, Math.E ** 2 / z, Math.E ** 3 / z]);
    expectClose(
      grad((v) => sum(logSumExp(v, 1)))(
        f64([
          [1000, 1000],
          [0, Math.log(3)],
        ]),
      ),
      [
        [0.5, 0.5],
        [0.25, 0.75],
      ],
    );
  });
  it('matches central differences, first and second order', () => {
    const input = random([3, 4], 1);
    checkGrad((v) => logSumExp(v), [input], { order: 2 });
    checkGrad((v) => logSumExp(v, 1, true), [input], { order: 2 });
    checkGrad((v) => logSumExp(v, [0]), [input], { order: 2 });
  });
  it('has an empty gradient over an empty axis, where the forward gives −∞', () => {
    const x = variable(zeros([2, 0], { dtype: 'float64' }));
    const out = logSumExp(x, 1);
    expectClose(out, [-Infinity, -Infinity]);
    sum(out).backward();
    expect(x.grad!.shape).toEqual([2, 0]);
    expect(x.grad!.dtype).toBe('float64');
    const whole = variable(zeros([0], { dtype: 'float64' }));
    logSumExp(whole).backward();
    expect(whole.grad!.shape).toEqual([0]);
    const rows = variable(zeros([0, 3], { dtype: 'float64' }));
    sum(logSumExp(rows, 1, true)).backward();
    expect(rows.grad!.shape).toEqual([0, 3]);
  });
});
