import { checkGrad, grad, leakyRelu, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('leakyRelu', () => {
  it('is x for x > 0, slope·x otherwise; the derivative is 1 or slope (slope at 0, as PyTorch), then 0', () => {
    const x = f64([-2, 0, 3]);
    expectClose(leakyRelu(x), [-0.02, 0, 3]);
    expectClose(leakyRelu(x, 0.2), [-0.4, 0, 3]);
    expectClose(grad((v) => sum(leakyRelu(v, 0.2)))(x), [0.2, 0.2, 1]);
    expectClose(grad((v) => sum(grad((w) => sum(leakyRelu(w, 0.2)))(v)))(x), [0, 0, 0]);
  });
  it('matches central differences, first and second order', () => {
    checkGrad((x) => leakyRelu(x, 0.1), [random([3, 4], 1)], { order: 2 });
  });
});
