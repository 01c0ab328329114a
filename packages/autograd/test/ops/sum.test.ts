import { checkGrad, grad, mul, sum } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('sum', () => {
  const x = f64([
    [1, 2, 3],
    [4, 5, 6],
  ]);
  it('sums over all axes, one axis, several, negative, with keepDims', () => {
    expectClose(sum(x), 21);
    expectClose(sum(x, 0), [5, 7, 9]);
    expectClose(sum(x, -1, true), [[6], [15]]);
    expectClose(sum(x, [1, 0]), 21);
    expect(sum(x, 1, true).shape).toEqual([2, 1]);
  });
  it('broadcasts the gradient back over the reduced axes', () => {
    const weights = f64([10, 100]);
    expectClose(grad((v) => sum(mul(sum(v, 1), weights)))(x), [
      [10, 10, 10],
      [100, 100, 100],
    ]);
  });
  it('matches central differences, first and second order, for every axis form', () => {
    const input = random([2, 3, 4], 1);
    checkGrad((v) => sum(v), [input], { order: 2 });
    checkGrad((v) => sum(v, 1), [input], { order: 2 });
    checkGrad((v) => sum(v, [0, 2], true), [input], { order: 2 });
    checkGrad((v) => mul(sum(v, -1, true), v), [input], { order: 2 });
  });
});
