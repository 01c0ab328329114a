import { checkGrad, grad, neg, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('neg', () => {
  it('negates and gives gradient −1', () => {
    expectClose(neg(f64([1, -2, 0.5])), [-1, 2, -0.5]);
    expectClose(grad((x) => sum(neg(x)))(f64([1, -2])), [-1, -1]);
  });
  it('matches central differences', () => checkGrad(neg, [random([2, 3], 1)], { order: 2 }));
});
