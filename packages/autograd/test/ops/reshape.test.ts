import { checkGrad, grad, mul, reshape, sum } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('reshape', () => {
  it('relabels elements in row-major order, with one −1', () => {
    expectClose(reshape(f64([1, 2, 3, 4, 5, 6]), [2, -1]), [
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(
      reshape(
        f64([
          [1, 2],
          [3, 4],
        ]),
        [4],
      ).shape,
    ).toEqual([4]);
  });
  it('reshapes the gradient back', () => {
    expectClose(
      grad((x) =>
        sum(
          mul(
            reshape(x, [3, 2]),
            f64([
              [1, 2],
              [3, 4],
              [5, 6],
            ]),
          ),
        ),
      )(
        f64([
          [0, 0, 0],
          [0, 0, 0],
        ]),
      ),
      [
        [1, 2, 3],
        [4, 5, 6],
      ],
    );
  });
  it('matches central differences', () => {
    checkGrad((x) => reshape(x, [4, 3]), [random([2, 6], 1)]);
    checkGrad((x) => mul(reshape(x, [3, 2]), reshape(x, [3, 2])), [random([6], 2)], { order: 2 });
  });
});
