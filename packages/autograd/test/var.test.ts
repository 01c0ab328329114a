import { type Tensor, tensor } from '@chainrule/tensor';
import { GraphError, Var, add, constant, mul, sum, variable } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { f64 } from './helpers';

describe('Var', () => {
  it('makes trainable leaves with variable and constant leaves with constant', () => {
    const w = variable([
      [1, 2],
      [3, 4],
    ]);
    expect(w.requiresGrad).toBe(true);
    expect(w.op).toBe('leaf');
    expect(w.parents).toEqual([]);
    expect(w.grad).toBeNull();
    expect(w.shape).toEqual([2, 2]);
    expect(w.dtype).toBe('float32');
    expect(w.rank).toBe(2);
    expect(w.size).toBe(4);
    const c = constant([1, 2], { dtype: 'float64' });
    expect(c.requiresGrad).toBe(false);
    expect(c.dtype).toBe('float64');
  });
  it('shares a given tensor, or converts it when another dtype is asked for', () => {
    const t = tensor([1, 2]);
    expect(variable(t).value).toBe(t);
    const converted = variable(t, { dtype: 'float64' });
    expect(converted.dtype).toBe('float64');
    expect(t.dtype).toBe('float32');
  });
  it('reads its value back', () => {
    expect(constant([[1, 2]]).toArray()).toEqual([[1, 2]]);
    expect(constant(3).item()).toBe(3);
    expect(new Var(tensor([1, 2])).requiresGrad).toBe(false);
    expect(variable([1, 2]).toString()).toContain('requiresGrad=true');
    expect(mul(variable([1, 2]), 2).toString()).toContain('op=mul');
  });
  it('records the op and its parents; results of constants only do not require grad', () => {
    const x = variable(f64([1, 2]));
    const c = constant(f64([3, 4]));
    const y = mul(x, c);
    expect(y.op).toBe('mul');
    expect(y.parents).toEqual([x, c]);
    expect(y.requiresGrad).toBe(true);
    const z = add(c, c);
    expect(z.requiresGrad).toBe(false);
    expect(z.parents).toEqual([]);
  });
  it('wraps tensors and numbers as constants; a number takes the dtype of the first Var/Tensor input', () => {
    const y = add(2, f64([1, 2]));
    expect(y.dtype).toBe('float64');
    expect(y.toArray()).toEqual([3, 4]);
    expect(y.requiresGrad).toBe(false);
    expect(add(1, 2).dtype).toBe('float32');
  });
  it('detach cuts the graph but shares the value', () => {
    const x = variable(f64([1, 2]));
    const y = mul(x, x);
    const d = y.detach();
    expect(d.value).toBe(y.value);
    expect(d.requiresGrad).toBe(false);
    expect(d.parents).toEqual([]);
    sum(mul(d, x)).backward();
    expect(x.grad!.toArray()).toEqual([1, 4]);
  });
  it('zeroGrad clears the gradient', () => {
    const x = variable(f64([1, 2]));
    sum(x).backward();
    expect(x.grad).not.toBeNull();
    x.zeroGrad();
    expect(x.grad).toBeNull();
  });
  it('rejects values that are not tensors and op inputs that are not Var, Tensor or number', () => {
    expect(() => new Var([1, 2] as unknown as Tensor)).toThrow(GraphError);
    expect(() => add(variable([1]), 'one' as unknown as number)).toThrow(
      /add: input 1 must be a Var, a Tensor or a number; got string one/,
    );
  });
});
