import { Tensor, ValueError } from '@chainrule/tensor';
import {
  GraphError,
  Var,
  constant,
  grad,
  matmul,
  mul,
  noGrad,
  pow,
  square,
  sum,
  valueAndGrad,
  variable,
} from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { expectClose, f64 } from './helpers';

const cube = (x: Var): Var => sum(pow(x, 3));

describe('grad', () => {
  it('returns a Tensor gradient when called with Tensors', () => {
    const g = grad(cube)(f64([1, 2]));
    expect(g).toBeInstanceOf(Tensor);
    expectClose(g, [3, 12]);
  });
  it('differentiates with respect to the chosen argument(s)', () => {
    const f = (x: Var, y: Var): Var => sum(mul(square(x), y));
    expectClose(grad(f, 1)(f64([1, 2]), f64([3, 4])), [1, 4]);
    const [gx, gy] = grad(f, [0, 1])(f64([1, 2]), f64([3, 4]));
    expectClose(gx!, [6, 16]);
    expectClose(gy!, [1, 4]);
  });
  it('keeps repeated arguments apart', () => {
    const f = (x: Var, y: Var): Var => sum(mul(square(x), y));
    const a = f64([2]);
    const [gx, gy] = grad(f, [0, 1])(a, a);
    expectClose(gx!, [8]);
    expectClose(gy!, [4]);
  });
  it('composes: grad(grad(f)) and grad(grad(grad(f)))', () => {
    const x = f64(2);
    expectClose(grad(grad(cube))(x), 12);
    expectClose(grad(grad(grad(cube)))(x), 6);
  });
  it('returns Vars connected to the outer graph when called with Vars', () => {
    const x = variable(f64([1, 2]));
    const g = grad(cube)(x);
    expect(g).toBeInstanceOf(Var);
    expect(g.requiresGrad).toBe(true);
    sum(g).backward();
    expectClose(x.grad!, [6, 12]);
  });
  it('differentiates through a closure when the inner argument is a Var (mixed partials)', () => {
    // ∂/∂x ∂/∂y Σ x·y² = 2y
    const mixed = grad((x: Var) => sum(grad((y: Var) => sum(mul(x, square(y))))(constant(f64([3, 5])))));
    expectClose(mixed(f64([1, 1])), [6, 10]);
  });
  it('leaves outer variables used in a closure untouched', () => {
    const w = variable(f64([[1], [2]]));
    const g = grad((x: Var) => sum(matmul(x, w)))(f64([[5, 6]]));
    expectClose(g, [[1, 2]]);
    expect(w.grad).toBeNull();
  });
  it('works inside noGrad', () => {
    expectClose(
      noGrad(() => grad(cube)(f64([1]))),
      [3],
    );
  });
  it('requires a scalar output, valid argnums and Tensor or Var arguments', () => {
    expect(() => grad((x: Var) => square(x))(f64([1, 2]))).toThrow(GraphError);
    expect(() => grad((x: Var) => square(x))(f64([1, 2]))).toThrow(/scalar \(size 1\) Var; got shape \[2\]/);
    expect(() => grad(cube, 1)(f64([1]))).toThrow(ValueError);
    expect(() => grad(cube)([1, 2] as unknown as Tensor)).toThrow(/argument 0 must be a Tensor or a Var/);
  });
});

describe('valueAndGrad', () => {
  it('returns the value with the gradient(s)', () => {
    const [value, g] = valueAndGrad(cube)(f64([1, 2]));
    expectClose(value, 9);
    expectClose(g, [3, 12]);
    const [value2, grads] = valueAndGrad((x: Var, y: Var) => sum(mul(x, y)), [0, 1])(f64([1, 2]), f64([3, 4]));
    expectClose(value2, 11);
    expectClose(grads[0]!, [3, 4]);
    expectClose(grads[1]!, [1, 2]);
  });
  it('returns Vars when called with Vars', () => {
    const [value, g] = valueAndGrad(cube)(variable(f64([2])));
    expect(value).toBeInstanceOf(Var);
    expect(g.requiresGrad).toBe(true);
  });
});
