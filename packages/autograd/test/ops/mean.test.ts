import { checkGrad, grad, mean, mul, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('mean', () => {
  const x = f64([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  it('averages over all axes or the given ones', () => {
    expectClose(mean(x), 3.5);
    expectClose(mean(x, 0), [2.5, 3.5, 4.5]);
    expectClose(mean(x, [1], true), [[2], [5]]);
  });
  it('spreads the gradient evenly: 1/n per element', () => {
    expectClose(grad((v) => mean(v))(x), [
      [1 / 6, 1 / 6, 1 / 6],
      [1 / 6, 1 / 6, 1 / 6],
    ]);
    expectClose(grad((v) => sum(mul(mean(v, 1), f64([3, 6]))))(x), [
      [1, 1, 1],
      [2, 2, 2],
    ]);
  });
  it('matches central differences', () => {
    const input = random([2, 3, 4], 1);
    checkGrad((v) => mean(v), [input], { order: 2 });
    checkGrad((v) => mean(v, [0, 2]), [input]);
    checkGrad((v) => mul(mean(v, 1, true), v), [input], { order: 2 });
  });
});
