import { DTypeError, ShapeError, tensor } from '@chainrule/tensor';
import { GraphError, add, constant, gradients, matmul, mul, sigmoid, square, sum, variable } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64 } from './helpers';

describe('backward', () => {
  it('fills .grad of every leaf that requires grad, none of the constants', () => {
    const x = variable(f64([1, 2]));
    const w = variable(f64([3, 4]));
    const c = constant(f64([5, 6]));
    sum(mul(mul(x, w), c)).backward();
    expectClose(x.grad!, [15, 24]);
    expectClose(w.grad!, [5, 12]);
    expect(c.grad).toBeNull();
    expect(x.grad!.requiresGrad).toBe(false);
  });
  it('adds the gradients of every path (diamond)', () => {
    const x = variable(f64([3]));
    const y = mul(x, x);
    sum(add(mul(y, x), y)).backward(); // x³ + x²
    expectClose(x.grad!, [3 * 9 + 2 * 3]);
  });
  it('accumulates across calls until zeroGrad', () => {
    const x = variable(f64([1, 2]));
    sum(square(x)).backward();
    sum(square(x)).backward();
    expectClose(x.grad!, [4, 8]);
    x.zeroGrad();
    sum(square(x)).backward();
    expectClose(x.grad!, [2, 4]);
  });
  it('needs a seed for a non-scalar output and computes the vector-Jacobian product with it', () => {
    const x = variable(f64([1, 2, 3]));
    const y = square(x);
    expect(() => y.backward()).toThrow(GraphError);
    expect(() => y.backward()).toThrow(/output of shape \[3\] is not a scalar; pass a seed/);
    y.backward(f64([1, 10, 100]));
    expectClose(x.grad!, [2, 40, 600]);
  });
  it('checks the seed shape and dtype', () => {
    const x = variable(f64([1, 2]));
    expect(() => square(x).backward(f64([1, 2, 3]))).toThrow(ShapeError);
    expect(() => square(x).backward(f64([1, 2, 3]))).toThrow(/seed of shape \[3\].*expected \[2\]/);
    expect(() => square(x).backward(tensor([1, 2]))).toThrow(DTypeError);
  });
  it('refuses an output that does not require grad', () => {
    expect(() => sum(constant([1, 2])).backward()).toThrow(/does not require grad/);
  });
  it('gives a leaf its contiguous gradient even when it is a broadcast', () => {
    const x = variable(
      f64([
        [1, 2],
        [3, 4],
      ]),
    );
    sum(x).backward();
    expect(x.grad!.value.isContiguous()).toBe(true);
    expectClose(x.grad!, [
      [1, 1],
      [1, 1],
    ]);
  });
  it('builds a differentiable backward with createGraph', () => {
    const x = variable(f64([2]));
    sum(mul(square(x), x)).backward(undefined, { createGraph: true });
    const first = x.grad!;
    expectClose(first, [12]);
    expect(first.requiresGrad).toBe(true);
    x.zeroGrad();
    sum(first).backward();
    expectClose(x.grad!, [12]); // d/dx 3x² = 6x
  });
  it('walks a chain of 100,000 ops without recursion', () => {
    const x = variable(f64(1));
    let y = x;
    for (let i = 0; i < 100_000; i++) y = mul(y, 1.00001);
    y.backward();
    expect(x.grad!.item()).toBeCloseTo(1.00001 ** 100_000, 9);
  });
});

describe('gradients', () => {
  it('returns the gradients of the requested inputs and leaves .grad alone', () => {
    const x = variable(f64([[1, 2]]));
    const w = variable(f64([[3], [4]]));
    const [gx, gw] = gradients(sum(matmul(x, w)), [x, w]);
    expectClose(gx!, [[3, 4]]);
    expectClose(gw!, [[1], [2]]);
    expect(x.grad).toBeNull();
    expect(w.grad).toBeNull();
  });
  it('gives zeros to an input the output does not depend on', () => {
    const x = variable(f64([1, 2]));
    const unused = variable(f64([5]));
    const [, g] = gradients(sum(x), [x, unused]);
    expectClose(g!, [0]);
  });
  it('differentiates with respect to an interior node', () => {
    const x = variable(f64([1, 2]));
    const h = mul(x, 3);
    const [gh, gx] = gradients(sum(square(h)), [h, x]);
    expectClose(gh!, [6, 12]);
    expectClose(gx!, [18, 36]);
  });
  it('takes a seed and supports second order with createGraph', () => {
    const x = variable(f64([0.5, -1]));
    const [g] = gradients(sigmoid(x), [x], { seed: f64([1, 1]), createGraph: true });
    const [h] = gradients(sum(g!), [x]);
    const s = (v: number): number => 1 / (1 + Math.exp(-v));
    expectClose(
      h!,
      [0.5, -1].map((v) => s(v) * (1 - s(v)) * (1 - 2 * s(v))),
    );
  });
  it('rejects inputs that do not require grad', () => {
    const c = constant(f64([1]));
    expect(() => gradients(sum(c), [c])).toThrow(/input 0 \(shape \[1\]\) does not require grad/);
  });
});
