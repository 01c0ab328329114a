import { Var, mul, sum } from '@chainrule/autograd';
import { ModuleBuffer, Parameter } from '@chainrule/nn';
import { astype, tensor, transpose } from '@chainrule/tensor';
import { inspect } from 'node:util';
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
    const source = tensor(
      [
        [1, 2],
        [3, 4],
      ],
      { dtype: 'float64' },
    );
    const parameter = new Parameter(source);
    expect(parameter.value).not.toBe(source);
    expect(parameter.value.data).not.toBe(source.data);
    (source.data as Float64Array)[0] = 100;
    expect(flat(parameter.value)).toEqual([1, 2, 3, 4]);
    expect(parameter.dtype).toBe('float64');
  });

  it('makes a contiguous copy of a view', () => {
    const parameter = new Parameter(
      transpose(
        tensor([
          [1, 2],
          [3, 4],
        ]),
      ),
    );
    expect(parameter.value.isContiguous()).toBe(true);
    expect(parameter.value.offset).toBe(0);
    expect(parameter.toArray()).toEqual([
      [1, 3],
      [2, 4],
    ]);
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

describe('Parameter with a tensor and a dtype option', () => {
  it('converts to options.dtype, as variable() does, and leaves the caller tensor alone', () => {
    const source = tensor([1.1, -2.7]);
    const parameter = new Parameter(source, { dtype: 'float64' });
    expect(parameter.dtype).toBe('float64');
    expect(flat(parameter.value)).toEqual(flat(astype(source, 'float64')));
    expect(flat(parameter.value)).toEqual([Math.fround(1.1), Math.fround(-2.7)]);
    expect(source.dtype).toBe('float32');
    const narrowed = new Parameter(tensor([1.1], { dtype: 'float64' }), { dtype: 'float32' });
    expect(narrowed.dtype).toBe('float32');
    expect(flat(narrowed.value)).toEqual([Math.fround(1.1)]);
  });

  it('still copies when options.dtype matches', () => {
    const source = tensor([1, 2], { dtype: 'float64' });
    const parameter = new Parameter(source, { dtype: 'float64' });
    expect(parameter.value).not.toBe(source);
    (source.data as Float64Array)[0] = 100;
    expect(flat(parameter.value)).toEqual([1, 2]);
  });
});

describe('printing', () => {
  it('a Parameter prints as a Parameter, in String() and console.log', () => {
    const parameter = new Parameter(tensor([1, 2]));
    expect(String(parameter)).toBe(`Parameter(${tensor([1, 2]).toString()})`);
    expect(String(parameter)).toMatch(/^Parameter\(tensor\(\[1, 2\]/);
    expect(inspect(parameter)).toBe(String(parameter));
  });

  it('a ModuleBuffer prints as a ModuleBuffer', () => {
    const buffer = new ModuleBuffer(tensor([0.5]));
    expect(String(buffer)).toBe(`ModuleBuffer(${tensor([0.5]).toString()})`);
    expect(inspect(buffer)).toBe(String(buffer));
  });
});

describe('ModuleBuffer', () => {
  it('is a constant leaf Var holding its own copy', () => {
    const source = tensor([1, 2], { dtype: 'float64' });
    const buffer = new ModuleBuffer(source);
    expect(buffer).toBeInstanceOf(Var);
    expect(buffer).not.toBeInstanceOf(Parameter);
    expect(buffer.requiresGrad).toBe(false);
    expect(buffer.value.data).not.toBe(source.data);
    (source.data as Float64Array)[0] = 100;
    expect(flat(buffer.value)).toEqual([1, 2]);
    expect(new ModuleBuffer([[1]], { dtype: 'float64' }).dtype).toBe('float64');
    expect(new ModuleBuffer(source, { dtype: 'float32' }).dtype).toBe('float32');
  });

  it('takes part in ops as a constant: no gradient reaches it', () => {
    const buffer = new ModuleBuffer(tensor([3]));
    const parameter = new Parameter(tensor([2]));
    sum(mul(parameter, buffer)).backward();
    expect(flat(parameter.grad!.value)).toEqual([3]);
    expect(buffer.grad).toBeNull();
  });
});
