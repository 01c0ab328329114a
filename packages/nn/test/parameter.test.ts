import { Var, mul, sum } from '@chainrule/autograd';
import { Parameter } from '@chainrule/nn';
import { tensor, transpose } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { flat } from './helpers';

describe('Parameter', () => {
  it('is a trainable leaf Var', () => {
    const parameter = new Parameter(tensor([1, 2]));
    expect(parameter).toBeInstanceOf(Var);
    expect(parameter.requiresGrad).toBe(true);
    expect(parameter.op).toBe('leaf');
    expect(parameter.grad).toBeNull();
  });

  it('copies the tensor it is given, so training never writes the caller data', () => {
    const source = tensor([[1, 2], [3, 4]], { dtype: 'float64' });
    const parameter = new Parameter(source);
    expect(parameter.value).not.toBe(source);
    expect(parameter.value.data).not.toBe(source.data);
    (source.data as Float64Array)[0] = 100;
    expect(flat(parameter.value)).toEqual([1, 2, 3, 4]);
    expect(parameter.dtype).toBe('float64');
  });

  it('makes a contiguous copy of a view', () => {
    const parameter = new Parameter(transpose(tensor([[1, 2], [3, 4]])));
    expect(parameter.value.isContiguous()).toBe(true);
    expect(parameter.value.offset).toBe(0);
    expect(parameter.toArray()).toEqual([[1, 3], [2, 4]]);
  });

  it('accepts nested arrays with a dtype', () => {
    const parameter = new Parameter([[0.5, 1.5]], { dtype: 'float64' });
    expect(parameter.shape).toEqual([1, 2]);
    expect(parameter.dtype).toBe('float64');
  });

  it('receives gradients from backward', () => {
    const parameter = new Parameter(tensor([1, 2, 3], { dtype: 'float64' }));
    sum(mul(parameter, parameter)).backward();
    expect(parameter.grad!.toArray()).toEqual([2, 4, 6]);
    parameter.zeroGrad();
    expect(parameter.grad).toBeNull();
  });
});
