import { checkGrad, grad, reluGrad, sum, variable } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('reluGrad', () => {
  it('computes dy·[y > 0], 0 at y = 0, by hand', () => {
    expectClose(reluGrad(f64([0, 2, 0.5]), f64([3, -4, 5])), [0, -4, 5]);
  });
  it('gives y no gradient (the mask is piecewise constant) and dy the mask', () => {
    const y = variable(f64([0, 2, 0.5]));
    const [dy] = [variable(f64([1, 1, 1]))];
    expect(grad((a, b) => sum(reluGrad(a, b)), [0, 1])(y.value, dy.value).map((g) => g.toArray())).toEqual([
      [0, 0, 0],
      [0, 1, 1],
    ]);
  });
  it('matches central differences in dy, first and second order, away from y = 0', () => {
    checkGrad((dy) => reluGrad(random([2, 3], 1, 0.1, 1), dy), [random([2, 3], 2)], { order: 2 });
  });
});
