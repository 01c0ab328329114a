import { Var, sub, sum, square } from '@chainrule/autograd';
import { Parameter, RMSprop } from '@chainrule/nn';
import { ValueError, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, flat } from '../helpers';

const f64 = { dtype: 'float64' } as const;

describe('RMSprop steps, computed by hand', () => {
  it('has PyTorch defaults: lr 0.01, alpha 0.99, eps 1e-8, no weight decay, momentum or centering', () => {
    const optimizer = new RMSprop([new Parameter(tensor([1]))]);
    expect([optimizer.lr, optimizer.alpha, optimizer.eps, optimizer.weightDecay, optimizer.momentum]).toEqual([
      0.01, 0.99, 1e-8, 0, 0,
    ]);
    expect(optimizer.centered).toBe(false);
  });

  it('divides the gradient by the root of its running mean square', () => {
    const parameter = new Parameter(tensor([1, -2], f64));
    const optimizer = new RMSprop([parameter], { lr: 0.01 });
    parameter.grad = new Var(tensor([0.5, 1], f64));
    optimizer.step();
    // v = 0.01·g² = [0.0025, 0.01], √v = [0.05, 0.1]: each element moves by 0.01·|g|/(0.1·|g|) = 0.1.
    const p1 = [1 - (0.01 * 0.5) / (0.05 + 1e-8), -2 - 0.01 / (0.1 + 1e-8)];
    expectClose(flat(parameter.value), p1, 1e-15);
    parameter.grad = new Var(tensor([-1, 2], f64));
    optimizer.step();
    const v = [0.99 * 0.0025 + 0.01, 0.99 * 0.01 + 0.04];
    expectClose(
      flat(parameter.value),
      [p1[0]! + 0.01 / (Math.sqrt(v[0]!) + 1e-8), p1[1]! - 0.02 / (Math.sqrt(v[1]!) + 1e-8)],
      1e-15,
    );
  });

  it('with centered and momentum uses √(v − ḡ²) and a velocity', () => {
    const parameter = new Parameter(tensor([1], f64));
    const optimizer = new RMSprop([parameter], { lr: 0.1, alpha: 0.5, momentum: 0.5, centered: true });
    parameter.grad = new Var(tensor([2], f64));
    optimizer.step();
    // v = 0.5·4 = 2, ḡ = 0.5·2 = 1, a = √(2 − 1) + ε; b = 2/a; p = 1 − 0.1·b
    const b1 = 2 / (1 + 1e-8);
    expectClose(flat(parameter.value), [1 - 0.1 * b1], 1e-15);
    parameter.grad = new Var(tensor([2], f64));
    optimizer.step();
    // v = 0.5·2 + 0.5·4 = 3, ḡ = 0.5·1 + 0.5·2 = 1.5, a = √(3 − 2.25) + ε; b = 0.5·b₁ + 2/a
    const b2 = 0.5 * b1 + 2 / (Math.sqrt(0.75) + 1e-8);
    expectClose(flat(parameter.value), [1 - 0.1 * b1 - 0.1 * b2], 1e-15);
  });

  it('minimises a quadratic from gradients that backward computes', () => {
    const parameter = new Parameter(tensor([0, 10], f64));
    const optimizer = new RMSprop([parameter], { lr: 0.01 });
    for (let step = 0; step < 2000; step++) {
      optimizer.zeroGrad();
      sum(square(sub(parameter, tensor([3, -1], f64)))).backward();
      optimizer.step();
    }
    expectClose(flat(parameter.value), [3, -1], 0.02);
  });

  it('validates its options', () => {
    const p = [new Parameter(tensor([1]))];
    expect(() => new RMSprop(p, { alpha: 1 })).toThrow('RMSprop: alpha must be a number in [0, 1); got number 1');
    expect(() => new RMSprop(p, { eps: -1 })).toThrow(ValueError);
    expect(() => new RMSprop(p, { momentum: Number.NaN })).toThrow(/momentum must be a finite number >= 0/);
    expect(() => new RMSprop(p, { centered: 'yes' } as never)).toThrow(
      "RMSprop: centered must be a boolean; got string 'yes'",
    );
    expect(() => new RMSprop(p, { rho: 0.9 } as never)).toThrow("RMSprop: unknown option 'rho'");
  });
});
