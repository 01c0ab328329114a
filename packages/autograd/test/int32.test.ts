import { Var, add, constant, defineOp, grad, mul, sum, variable, where } from '@chainrule/autograd';
import * as T from '@chainrule/tensor';
import { DTypeError, type Tensor, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, f64 } from './helpers';

const labels = () => tensor([2, 0, 1], { dtype: 'int32' });

describe('int32 in autograd: constants, never gradients', () => {
  it('an int32 Var can be a constant but never requires grad', () => {
    expect(constant(labels()).dtype).toBe('int32');
    expect(() => variable(labels())).toThrow(DTypeError);
    expect(() => new Var(labels(), true)).toThrow(
      /^Var: an int32 value \(shape \[3\]\) cannot require grad; integers have no gradient/,
    );
    const c = constant(labels());
    expect(() => {
      c.requiresGrad = true;
    }).toThrow(/^Var.requiresGrad: an int32 value/);
    expect(c.requiresGrad).toBe(false);
    const w = variable(f64([1, 2, 3]));
    expect(() => {
      w.value = labels();
    }).toThrow(/^Var.value: an int32 value/);
    expect(w.dtype).toBe('float64');
  });

  it('an int32 constant mixes with float Vars as in tensor (promoted), and only the float side gets a gradient', () => {
    const x = variable(f64([0.5, 1.5, 2.5]));
    const y = mul(x, labels());
    expect(y.dtype).toBe('float64');
    expectClose(y, [1, 0, 2.5]);
    sum(add(y, labels())).backward();
    expectClose(x.grad!, [2, 0, 1]);
  });

  it('where with an int32 operand and a number promotes as tensor where does', () => {
    const mask = tensor([1, 0, 1], { dtype: 'int32' });
    expect(where(mask, constant(labels()), -1).dtype).toBe('int32');
    expect(where(mask, constant(labels()), -1).toArray()).toEqual([2, -1, 1]);
    expect(where(mask, constant(labels()), 0.5).dtype).toBe('float32');
    expect(where(mask, constant(labels()), 0.5).toArray()).toEqual([2, 0.5, 1]);
  });

  it('a number next to an int32 input is int32 when it is an integer, float32 otherwise', () => {
    expect(add(constant(labels()), 1).dtype).toBe('int32');
    expect(add(constant(labels()), 0.5).dtype).toBe('float32');
    expectClose(add(constant(labels()), 0.5), [2.5, 0.5, 1.5]);
  });

  it('an op whose result is int32 records no node: integers are constants', () => {
    const argmaxOp = defineOp<[Tensor]>({
      name: 'argmax',
      forward: ([x]) => T.argmax(x),
      backward: () => [null],
    });
    const out = argmaxOp(variable(f64([1, 3, 2])));
    expect(out.dtype).toBe('int32');
    expect(out.requiresGrad).toBe(false);
    expect(out.parents).toEqual([]);
    expectClose(grad((x) => sum(mul(x, argmaxOp(x))))(f64([1, 3, 2])), [1, 1, 1]);
  });
});
