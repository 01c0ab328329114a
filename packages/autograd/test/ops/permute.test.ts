import { checkGrad, grad, mul, permute, sum } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('permute', () => {
  it('reorders the axes', () => {
    const x = random([2, 3, 4], 1);
    const out = permute(x, [2, 0, 1]);
    expect(out.shape).toEqual([4, 2, 3]);
    expect(out.value.get(3, 1, 2)).toBe(x.get(1, 2, 3));
  });
  it('sends the gradient through the inverse permutation', () => {
    expectClose(
      grad((x) =>
        sum(
          mul(
            permute(x, [1, 0]),
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
    checkGrad((x) => permute(x, [2, 0, 1]), [random([2, 3, 4], 2)]);
  });
});
