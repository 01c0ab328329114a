import { checkGrad, sigmoid, sigmoidGrad, variable } from '@chainrule/autograd';
import * as T from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('sigmoidGrad', () => {
  it('computes dy·y·(1 − y), by hand', () => {
    expectClose(sigmoidGrad(f64([0.5, 0.25]), f64([2, -4])), [2 * 0.25, -4 * 0.25 * 0.75]);
  });
  it('is what sigmoid backward uses: its values equal tensor sigmoidGrad on the saved output', () => {
    const x = variable(random([2, 3], 1));
    const y = sigmoid(x);
    const dy = random([2, 3], 2);
    expect(sigmoidGrad(y, dy).toArray()).toEqual(T.sigmoidGrad(y.value, dy).toArray());
  });
  it('matches central differences in both inputs, first and second order, with broadcasting', () => {
    checkGrad(sigmoidGrad, [random([2, 3], 3, 0.05, 0.95), random([2, 3], 4)], { order: 2 });
    checkGrad(sigmoidGrad, [random([2, 3], 5, 0.05, 0.95), random([3], 6)], { order: 2 });
  });
});
