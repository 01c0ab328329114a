import * as T from '@chainrule/tensor';
import { type Tensor, ValueError, tensor } from '@chainrule/tensor';
import { GradCheckError, type Var, checkGrad, constant, defineOp, matmul, mul, sigmoid } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { f64, random } from './helpers';

// sin with a correct first derivative, written with tensors: its gradient is not differentiable (a constant).
const sinConstantBackward = defineOp<[Tensor]>({
  name: 'sinConstantBackward',
  forward: ([x]) => T.tensor(Array.from(x.contiguous().data, Math.sin), { dtype: x.dtype, shape: x.shape }),
  backward: (grad, [x]) => [
    mul(grad, constant(T.tensor(Array.from(x.value.contiguous().data, Math.cos), { dtype: x.dtype, shape: x.shape }))),
  ],
});

// A gradient off by 10% at every element.
const wrongSquare = defineOp<[Tensor]>({
  name: 'wrongSquare',
  forward: ([x]) => T.square(x),
  backward: (grad, [x]) => [mul(grad, mul(x, 2.2))],
});

describe('checkGrad', () => {
  it('returns a report with the worst element of every input and order', () => {
    const report = checkGrad((a: Var, b: Var) => sigmoid(matmul(a, b)), [random([2, 3], 1), random([3, 2], 2)], {
      order: 2,
    });
    expect(report.order).toBe(2);
    expect(report.entries.map((entry) => [entry.order, entry.input])).toEqual([
      [1, 0],
      [1, 1],
      [2, 0],
      [2, 1],
    ]);
    expect(report.maxError).toBeLessThan(1e-7);
    for (const entry of report.entries) expect(entry.error).toBeLessThanOrEqual(entry.tolerance);
  });
  it('throws a GradCheckError naming the input, the worst element and both values', () => {
    const x = f64([
      [0.5, -1],
      [2, 0.25],
    ]);
    let caught: unknown;
    try {
      checkGrad((a: Var, b: Var) => mul(wrongSquare(a), b), [f64([1, 1]), x]);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(GradCheckError);
    const error = caught as GradCheckError;
    expect(error.order).toBe(1);
    expect(error.input).toBe(0);
    expect(error.message).toMatch(
      /gradient of input 0 \(shape \[2\]\).*at element \[\d\]: analytic .*, numeric .*, error/,
    );
    expect(Math.abs(error.analytic / error.numeric - 1.1)).toBeLessThan(1e-6);
  });
  it('catches a first derivative that is right but not differentiable, at order 2 only', () => {
    const x = random([3], 3);
    expect(checkGrad(sinConstantBackward, [x]).maxError).toBeLessThan(1e-6);
    expect(() => checkGrad(sinConstantBackward, [x], { order: 2 })).toThrow(GradCheckError);
    expect(() => checkGrad(sinConstantBackward, [x], { order: 2 })).toThrow(
      /second derivative \(Hessian-vector product\) of input 0/,
    );
  });
  it('checks in float64 without touching float32 inputs', () => {
    const x = tensor([
      [0.3, -0.7],
      [1.1, 0.2],
    ]);
    const before = Array.from(x.data);
    checkGrad(sigmoid, [x], { order: 2 });
    expect(Array.from(x.data)).toEqual(before);
    expect(x.dtype).toBe('float32');
  });
  it('rejects bad options and inputs', () => {
    expect(() => checkGrad(sigmoid, [f64([1])], { eps: 0 })).toThrow(ValueError);
    expect(() => checkGrad(sigmoid, [])).toThrow(/non-empty array of Tensors/);
    expect(() => checkGrad(sigmoid, [f64([1])], { order: 3 as 1 })).toThrow(/order must be 1 or 2/);
  });
});
