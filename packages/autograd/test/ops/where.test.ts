import { greater, tensor } from '@chainrule/tensor';
import { checkGrad, grad, mul, sum, where } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('where', () => {
  it('picks a where the condition is non-zero, b elsewhere, with broadcasting', () => {
    expectClose(where(f64([1, 0, 1]), f64([1, 2, 3]), f64([10])), [1, 10, 3]);
  });
  it("lets a number take the dtype of the other branch, whatever the condition's dtype", () => {
    const out = where(tensor([0, 1]), f64([1, 2]), 0);
    expect(out.dtype).toBe('float64');
    expectClose(out, [0, 2]);
    expectClose(grad((x) => sum(where(tensor([0, 1]), 0, x)))(f64([5, 6])), [1, 0]);
  });
  it('routes the gradient to the chosen side and sums it over broadcast axes', () => {
    const condition = f64([
      [1, 0],
      [0, 0],
    ]);
    const [ga, gb] = grad(
      (a, b) =>
        sum(
          mul(
            where(condition, a, b),
            f64([
              [1, 2],
              [3, 4],
            ]),
          ),
        ),
      [0, 1],
    )(
      f64([
        [5, 5],
        [5, 5],
      ]),
      f64([7, 7]),
    );
    expectClose(ga!, [
      [1, 0],
      [0, 0],
    ]);
    expectClose(gb!, [3, 6]);
  });
  it('matches central differences, first and second order, with broadcasting', () => {
    const a = random([2, 3], 1);
    const condition = greater(random([2, 3], 2), 0);
    checkGrad((x, y) => where(condition, x, y), [a, random([3], 3)], { order: 2 });
    checkGrad((x, y) => where(condition, mul(x, x), mul(y, x)), [a, random([2, 3], 4)], { order: 2 });
  });
});
