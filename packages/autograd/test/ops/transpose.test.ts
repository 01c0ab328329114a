import { checkGrad, grad, mul, sum, transpose } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('transpose', () => {
  it('reverses the axes by default, or permutes them', () => {
    expectClose(
      transpose(
        f64([
          [1, 2, 3],
          [4, 5, 6],
        ]),
      ),
      [
        [1, 4],
        [2, 5],
        [3, 6],
      ],
    );
    expect(transpose(random([2, 3, 4], 1), [1, -1, 0]).shape).toEqual([3, 4, 2]);
  });
  it('sends the gradient through the inverse permutation', () => {
    expectClose(
      grad((x) =>
        sum(
          mul(
            transpose(x),
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
        [1, 3, 5],
        [2, 4, 6],
      ],
    );
  });
  it('matches central differences', () => {
    checkGrad((x) => transpose(x), [random([2, 3], 1)]);
    checkGrad((x) => transpose(x, [1, 2, 0]), [random([2, 3, 4], 2)]);
    checkGrad((x) => mul(transpose(x, [2, 0, 1]), transpose(x, [2, 0, 1])), [random([2, 3, 4], 3)], { order: 2 });
  });
});
