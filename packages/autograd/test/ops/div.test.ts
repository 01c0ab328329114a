import { checkGrad, div, grad, sum } from '@chainrule/autograd';
import { describe, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('div', () => {
  it('divides element-wise with broadcasting', () => {
    expectClose(
      div(
        f64([
          [1, 2],
          [3, 4],
        ]),
        f64([2, 4]),
      ),
      [
        [0.5, 0.5],
        [1.5, 1],
      ],
    );
    expectClose(div(1, f64([4])), [0.25]);
  });
  it('gives ∂/∂a = 1/b and ∂/∂b = −a/b²', () => {
    const [ga, gb] = grad((a, b) => sum(div(a, b)), [0, 1])(f64([3, 6]), f64([2, 4]));
    expectClose(ga!, [0.5, 0.25]);
    expectClose(gb!, [-3 / 4, -6 / 16]);
  });
  it('matches central differences, first and second order, with broadcasting', () => {
    checkGrad(div, [random([2, 3], 1), random([2, 3], 2, 0.5, 2)], { order: 2 });
    checkGrad(div, [random([2, 3], 3), random([3], 4, -2, -0.5)], { order: 2 });
    checkGrad(div, [random([3], 5), random([2, 1], 6, 0.5, 2)], { order: 2 });
  });
});
