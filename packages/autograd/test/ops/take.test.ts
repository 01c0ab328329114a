import { checkGrad, constant, grad, mul, scatterAdd, sum, take, variable } from '@chainrule/autograd';
import { DTypeError, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

const ids = (values: number[] | number[][]) => tensor(values, { dtype: 'int32' });

describe('take', () => {
  it('gathers rows; the gradient scatters back and adds up where a row is taken twice', () => {
    const x = f64([
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    expectClose(take(x, ids([2, 0, 2]), 0), [
      [5, 6],
      [1, 2],
      [5, 6],
    ]);
    // L = Σ w ⊙ take(x, [2, 0, 2]): row 0 gets w[1], row 1 nothing, row 2 gets w[0] + w[2].
    const w = f64([
      [1, 10],
      [100, 1000],
      [0.5, 0.25],
    ]);
    expectClose(grad((v) => sum(mul(take(v, ids([2, 0, 2]), 0), w)))(x), [
      [100, 1000],
      [0, 0],
      [1.5, 10.25],
    ]);
  });

  it('takes along any axis, flat without one, and from a list of integers', () => {
    const x = f64([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expectClose(take(x, [2, -3], -1), [
      [3, 1],
      [6, 4],
    ]);
    expectClose(take(x, ids([5, 0])), [6, 1]);
    expectClose(grad((v) => sum(take(v, ids([5, 5, 0]))))(x), [
      [1, 0, 0],
      [0, 0, 2],
    ]);
  });

  it('int32 indices are a constant input that gets no gradient; an int32 Var cannot require grad', () => {
    const indices = constant(ids([1, 0]));
    const x = variable(f64([1, 2]));
    const out = take(x, indices, 0);
    expect(out.requiresGrad).toBe(true);
    sum(mul(out, f64([3, 4]))).backward();
    expectClose(x.grad!, [4, 3]);
    expect(indices.grad).toBeNull();
    expect(() => variable(ids([1]))).toThrow(DTypeError);
  });

  it('matches central differences, first and second order, with 2-D indices and repeats', () => {
    const indices = ids([
      [0, 2],
      [2, 2],
    ]);
    checkGrad((x) => take(x, indices, 1), [random([2, 3, 2], 1)], { order: 2 });
    checkGrad((x) => mul(take(x, indices, 0), take(x, indices, 0)), [random([3, 2], 2)], { order: 2 });
    checkGrad((x) => take(x, [3, 0, 3]), [random([2, 2], 3)], { order: 2 });
  });
});

describe('scatterAdd', () => {
  it('adds updates at their indices; its gradient is take', () => {
    expectClose(scatterAdd(f64([1, 2, 3]), ids([0, 2, 0]), 0, 4), [4, 0, 2, 0]);
    expectClose(
      grad((u) => sum(mul(scatterAdd(u, ids([0, 2, 0]), 0, 4), f64([1, 10, 100, 1000]))))(f64([1, 2, 3])),
      [1, 100, 1],
    );
  });

  it('matches central differences, first and second order', () => {
    const indices = ids([1, 1, 0]);
    checkGrad((u) => scatterAdd(u, indices, 1, 2), [random([2, 3], 4)], { order: 2 });
    checkGrad((u) => mul(scatterAdd(u, indices, 0, 3), scatterAdd(u, indices, 0, 3)), [random([3], 5)], {
      order: 2,
    });
  });
});
