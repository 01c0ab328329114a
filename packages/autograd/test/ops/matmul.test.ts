import { checkGrad, grad, matmul, sum } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('matmul', () => {
  it('multiplies matrices and batches of matrices', () => {
    expectClose(
      matmul(
        f64([
          [1, 2],
          [3, 4],
        ]),
        f64([[5], [6]]),
      ),
      [[17], [39]],
    );
    expect(matmul(random([2, 3, 4], 1), random([4, 5], 2)).shape).toEqual([2, 3, 5]);
  });
  it('gives ∂/∂a = G·bᵀ and ∂/∂b = aᵀ·G (G all ones here)', () => {
    const a = f64([
      [1, 2],
      [3, 4],
    ]);
    const b = f64([
      [5, 6],
      [7, 8],
    ]);
    const [ga, gb] = grad((x, y) => sum(matmul(x, y)), [0, 1])(a, b);
    expectClose(ga!, [
      [11, 15],
      [11, 15],
    ]);
    expectClose(gb!, [
      [4, 4],
      [6, 6],
    ]);
  });
  it('matches central differences, first and second order, 2-D and batched with broadcast batch axes', () => {
    checkGrad(matmul, [random([3, 4], 1), random([4, 2], 2)], { order: 2 });
    checkGrad(matmul, [random([2, 3, 4], 3), random([4, 2], 4)], { order: 2 });
    checkGrad(matmul, [random([2, 1, 3, 2], 5), random([3, 2, 4], 6)], { order: 2 });
  });
});
