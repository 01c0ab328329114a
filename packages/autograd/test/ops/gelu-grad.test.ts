import { type Var, checkGrad, gelu, geluGrad, variable } from '@chainrule/autograd';
import * as T from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('geluGrad', () => {
  it('is dy·gelu′(x), what gelu backward uses (its values equal the tensor kernel)', () => {
    expectClose(geluGrad(f64([0]), f64([3])), [1.5]); // gelu′(0) = Φ(0) = 1/2
    const x = variable(random([2, 3], 1));
    const dy = random([2, 3], 2);
    expect(geluGrad(x, dy).toArray()).toEqual(T.geluGrad(x.value, dy).toArray());
    expect(gelu(x).op).toBe('gelu');
  });
  it('matches central differences in both inputs, first and second order (gelu’s third), with broadcasting', () => {
    const exact = (x: Var, dy: Var) => geluGrad(x, dy);
    checkGrad(exact, [random([2, 3], 3, -3, 3), random([2, 3], 4)], { order: 2 });
    checkGrad(exact, [random([2, 3], 5, -3, 3), random([3], 6)], { order: 2 });
    checkGrad((x, dy) => geluGrad(x, dy, { approximate: 'tanh' }), [random([2, 3], 7, -3, 3), random([2, 3], 8)], {
      order: 2,
    });
  });
});
