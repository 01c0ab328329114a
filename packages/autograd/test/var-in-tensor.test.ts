// Issue 16.6: a Var handed to a tensor function says so and names the way out, instead of "got object".
import * as A from '@chainrule/autograd';
import { constant, variable } from '@chainrule/autograd';
import * as T from '@chainrule/tensor';
import { differentiableOps } from '@chainrule/tensor/internal';
import { describe, expect, it } from 'vitest';

describe('a Var given to a @chainrule/tensor function', () => {
  const v = variable(
    T.tensor([
      [1, 2],
      [3, 4],
    ]),
  );

  it('names the autograd op of the same name, or .value', () => {
    expect(() => T.mean(v as never)).toThrow(T.ValueError);
    expect(() => T.mean(v as never)).toThrow(
      'mean: expected a Tensor; got a Var (use mean from @chainrule/autograd on Vars, which keeps the gradient, or pass v.value, its Tensor)',
    );
    expect(() => T.mul(T.ones([2, 2]), v as never)).toThrow(/^mul: expected a Tensor or a number; got a Var \(use mul/);
    expect(() => T.argmax(constant(T.tensor([1, 2])) as never)).toThrow(
      /^argmax: expected a Tensor; got a Var \(pass v.value, its Tensor; argmax has no differentiable form/,
    );
    expect(T.mean(v.value).item()).toBe(2.5); // the way out works
    expect(A.mean(v).item()).toBe(2.5);
  });

  it('the advice list is exactly the tensor functions autograd has as ops', () => {
    const isFunction = (module: object, name: string) =>
      typeof (module as Record<string, unknown>)[name] === 'function';
    const twins = Object.keys(T).filter((name) => isFunction(T, name) && isFunction(A, name));
    expect([...differentiableOps].sort()).toEqual(twins.sort());
  });
});
