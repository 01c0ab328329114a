import { Var, constant, sum, variable } from '@chainrule/autograd';
import { Parameter, clipGradNorm } from '@chainrule/nn';
import { ValueError, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { flat } from '../helpers';

const f64 = { dtype: 'float64' } as const;

describe('clipGradNorm', () => {
  it('scales every gradient by maxNorm/(total + 1e-6) when the global norm is larger, and returns the norm', () => {
    const a = new Parameter(tensor([0, 0], f64));
    const b = new Parameter(tensor([0], f64));
    a.grad = new Var(tensor([3, 4], f64));
    b.grad = new Var(tensor([12], f64));
    const total = clipGradNorm([a, b], 6.5);
    // √(9 + 16 + 144) = 13
    expect(total.item()).toBe(13);
    expect(total.shape).toEqual([]);
    expect(total.dtype).toBe('float64');
    const factor = 6.5 / (13 + 1e-6);
    expect(flat(a.grad!.value)).toEqual([3 * factor, 4 * factor]);
    expect(flat(b.grad!.value)).toEqual([12 * factor]);
  });

  it('leaves gradients whose norm is within maxNorm as they are', () => {
    const a = new Parameter(tensor([0, 0], f64));
    a.grad = new Var(tensor([3, 4], f64));
    expect(clipGradNorm([a], 10).item()).toBe(5);
    expect(flat(a.grad!.value)).toEqual([3, 4]); // min(10/(5 + 1e-6), 1) = 1
    // At the boundary the factor is maxNorm/(total + 1e-6), a hair below 1, as PyTorch's.
    clipGradNorm([a], 5);
    expect(flat(a.grad!.value)).toEqual([3 * (5 / (5 + 1e-6)), 4 * (5 / (5 + 1e-6))]);
  });

  it('skips parameters without a gradient and mixes float32 and float64 ones', () => {
    const a = new Parameter(tensor([0, 0]));
    const b = new Parameter(tensor([0], f64));
    const none = new Parameter(tensor([0]));
    a.grad = new Var(tensor([1, 2]));
    b.grad = new Var(tensor([2], f64));
    expect(clipGradNorm([a, none, b], 1).item()).toBe(3);
    expect(a.grad.value.dtype).toBe('float32');
    // √(1 + 4 + 4) = 3; the float32 gradient is multiplied by the factor rounded to float32.
    const factor = Math.fround(1 / (3 + 1e-6));
    expect(flat(a.grad!.value)).toEqual([Math.fround(1 * factor), Math.fround(2 * factor)]);
    expect(flat(b.grad!.value)).toEqual([2 * (1 / (3 + 1e-6))]);
    expect(none.grad).toBeNull();
    expect(clipGradNorm([none], 1).item()).toBe(0);
  });

  it('gives each parameter a new gradient tensor: a gradient shared with anything else is not written', () => {
    const x = variable(tensor([3, 4], f64));
    sum(x).backward();
    const before = x.grad!;
    clipGradNorm([x], 1);
    expect(flat(before.value)).toEqual([1, 1]);
    expect(x.grad).not.toBe(before);
  });

  it('refuses a bad maxNorm or a list with something other than Vars', () => {
    const p = new Parameter(tensor([1]));
    expect(() => clipGradNorm([p], -1)).toThrow('clipGradNorm: maxNorm must be a finite number >= 0; got number -1');
    expect(() => clipGradNorm([p], Number.NaN)).toThrow(ValueError);
    expect(() => clipGradNorm([tensor([1])] as never, 1)).toThrow(
      'clipGradNorm: parameters[0] must be a Parameter or a Var; got a Tensor [1] float32',
    );
    expect(() => clipGradNorm(constant(tensor([1])) as never, 1)).toThrow(/expected a list of Parameters/);
  });
});
