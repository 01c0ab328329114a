import { checkGrad, tanhGrad } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('tanhGrad', () => {
  it('computes dy·(1 − y²), by hand', () => {
    expectClose(tanhGrad(f64([0.5, -0.25]), f64([2, -4])), [2 * 0.75, -4 * (1 - 0.0625)]);
  });
  it('matches central differences in both inputs, first and second order, with broadcasting', () => {
    checkGrad(tanhGrad, [random([2, 3], 1, -0.9, 0.9), random([2, 3], 2)], { order: 2 });
    checkGrad(tanhGrad, [random([3], 3, -0.9, 0.9), random([2, 3], 4)], { order: 2 });
  });
});
