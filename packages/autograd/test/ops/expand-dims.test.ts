import { checkGrad, expandDims, grad, mul, sum } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('expandDims', () => {
  it('inserts a size-1 axis', () => {
    expect(expandDims(f64([1, 2]), 0).shape).toEqual([1, 2]);
    expectClose(expandDims(f64([1, 2]), -1), [[1], [2]]);
  });
  it('reshapes the gradient back', () => {
    expectClose(
      grad((x) =>
        sum(
          mul(
            expandDims(x, 1),
            f64([
              [1, 2],
              [3, 4],
            ]),
          ),
        ),
      )(f64([0, 0])),
      [3, 7],
    );
  });
  it('matches central differences', () => checkGrad((x) => expandDims(x, 1), [random([2, 3], 1)]));
});
