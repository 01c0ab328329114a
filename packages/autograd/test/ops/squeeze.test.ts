import { checkGrad, grad, mul, squeeze, sum } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('squeeze', () => {
  it('removes size-1 axes, all or the given ones', () => {
    expect(squeeze(random([1, 3, 1], 1)).shape).toEqual([3]);
    expect(squeeze(random([1, 3, 1], 2), 2).shape).toEqual([1, 3]);
  });
  it('reshapes the gradient back', () => {
    expectClose(grad((x) => sum(mul(squeeze(x), f64([1, 2]))))(f64([[0], [0]])), [[1], [2]]);
  });
  it('matches central differences', () => checkGrad((x) => squeeze(x, [0, 2]), [random([1, 3, 1, 2], 1)]));
});
