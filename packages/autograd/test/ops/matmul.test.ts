import { type Var, checkGrad, grad, matmul, square, sum, swapAxes, variable } from '@chainrule/autograd';
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
    const product = (a: Var, b: Var) => matmul(a, b);
    checkGrad(product, [random([3, 4], 1), random([4, 2], 2)], { order: 2 });
    checkGrad(product, [random([2, 3, 4], 3), random([4, 2], 4)], { order: 2 });
    checkGrad(product, [random([2, 1, 3, 2], 5), random([3, 2, 4], 6)], { order: 2 });
  });
  it.each([
    [false, true],
    [true, false],
    [true, true],
  ])('with transposeA %s and transposeB %s, equals the product of swapped views, values and gradients', (ta, tb) => {
    const options = { transposeA: ta, transposeB: tb };
    const a = random(ta ? [2, 4, 3] : [2, 3, 4], 7);
    const b = random(tb ? [2, 4] : [4, 2], 8);
    const viaViews = (x: Var, y: Var) => matmul(ta ? swapAxes(x, -1, -2) : x, tb ? swapAxes(y, -1, -2) : y);
    const viaFlags = (x: Var, y: Var) => matmul(x, y, options);
    expect(viaFlags(variable(a), variable(b)).toArray()).toEqual(viaViews(variable(a), variable(b)).toArray());
    const [ga, gb] = grad((x, y) => sum(square(viaFlags(x, y))), [0, 1])(a, b);
    const [va, vb] = grad((x, y) => sum(square(viaViews(x, y))), [0, 1])(a, b);
    expect(ga!.toArray()).toEqual(va!.toArray());
    expect(gb!.toArray()).toEqual(vb!.toArray());
    checkGrad(viaFlags, [a, b], { order: 2 });
  });
  it('rejects transpose flags that are not booleans', () => {
    const a = variable(random([2, 2], 9));
    expect(() => matmul(a, a, { transposeA: 'yes' as never })).toThrow(/^matmul: options.transposeA must be a boolean/);
    expect(() => matmul(a, a, null as never)).toThrow(/^matmul: options must be an object/);
  });
});
