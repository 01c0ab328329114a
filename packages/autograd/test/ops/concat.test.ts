import { checkGrad, concat, grad, mul, sum, variable } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('concat', () => {
  it('joins along an axis (default 0, negative allowed)', () => {
    expectClose(
      concat([
        f64([[1, 2]]),
        f64([
          [3, 4],
          [5, 6],
        ]),
      ]),
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
    );
    expectClose(
      concat(
        [
          f64([[1], [2]]),
          f64([
            [3, 4],
            [5, 6],
          ]),
        ],
        -1,
      ),
      [
        [1, 3, 4],
        [2, 5, 6],
      ],
    );
  });
  it('gives each input its window of the gradient', () => {
    const weights = f64([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    const [ga, gb] = grad((a, b) => sum(mul(concat([a, b], 1), weights)), [0, 1])(
      f64([[0], [0]]),
      f64([
        [0, 0],
        [0, 0],
      ]),
    );
    expectClose(ga!, [[1], [4]]);
    expectClose(gb!, [
      [2, 3],
      [5, 6],
    ]);
  });
  it('accepts any number of inputs, tensors among them as constants', () => {
    const x = variable(f64([2, 3]));
    const out = concat([f64([1]), x, f64([4]), x]);
    expect(out.toArray()).toEqual([1, 2, 3, 4, 2, 3]);
    sum(mul(out, f64([1, 10, 100, 1000, 10000, 100000]))).backward();
    expectClose(x.grad!, [10010, 100100]);
  });
  it('matches central differences', () => {
    checkGrad((a, b, c) => concat([a, b, c], 1), [random([2, 1], 1), random([2, 3], 2), random([2, 2], 3)]);
    checkGrad((a, b) => mul(concat([a, b]), concat([b, a])), [random([2, 2], 4), random([2, 2], 5)], { order: 2 });
  });
});
