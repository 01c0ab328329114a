import { Var, sub, sum, square } from '@chainrule/autograd';
import { Adam, AdamW, Parameter } from '@chainrule/nn';
import { ValueError, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, flat } from '../helpers';

const f64 = { dtype: 'float64' } as const;

describe('AdamW steps, computed by hand', () => {
  it('has PyTorch defaults: lr 1e-3, betas [0.9, 0.999], eps 1e-8, weightDecay 0.01', () => {
    const optimizer = new AdamW([new Parameter(tensor([1]))]);
    expect([optimizer.lr, optimizer.betas, optimizer.eps, optimizer.weightDecay]).toEqual([
      1e-3,
      [0.9, 0.999],
      1e-8,
      0.01,
    ]);
  });

  it('shrinks p by 1 − η·λ, then takes Adam’s step from the raw gradient', () => {
    const parameter = new Parameter(tensor([1, -2], f64));
    const optimizer = new AdamW([parameter], { lr: 0.1, weightDecay: 0.5 });
    parameter.grad = new Var(tensor([0.5, 1], f64));
    optimizer.step();
    // p·0.95 = [0.95, −1.9]; m̂ = g, v̂ = g²: the step is η·g/(|g| + ε).
    expectClose(flat(parameter.value), [0.95 - (0.1 * 0.5) / (0.5 + 1e-8), -1.9 - 0.1 / (1 + 1e-8)], 1e-15);
  });

  it('with a zero gradient decays p geometrically, where Adam’s L2 term would move it by about η per step', () => {
    const decoupled = new Parameter(tensor([2], f64));
    const coupled = new Parameter(tensor([2], f64));
    const adamw = new AdamW([decoupled], { lr: 0.1, weightDecay: 0.5 });
    const adam = new Adam([coupled], { lr: 0.1, weightDecay: 0.5 });
    for (let step = 0; step < 3; step++) {
      decoupled.grad = new Var(tensor([0], f64));
      coupled.grad = new Var(tensor([0], f64));
      adamw.step();
      adam.step();
    }
    // AdamW: m = v = 0, so each step is p ← 0.95·p exactly.
    expect(flat(decoupled.value)).toEqual([2 * 0.95 * 0.95 * 0.95]);
    // Adam: g = λ·p = 1 at first, m̂/√v̂ ≈ 1: about 2 − 3·0.1.
    expectClose(flat(coupled.value), [1.7], 1e-3);
  });

  it('minimises a quadratic from gradients that backward computes (λ = 0)', () => {
    const parameter = new Parameter(tensor([0, 10], f64));
    const optimizer = new AdamW([parameter], { lr: 0.1, weightDecay: 0 });
    for (let step = 0; step < 1000; step++) {
      optimizer.zeroGrad();
      sum(square(sub(parameter, tensor([3, -1], f64)))).backward();
      optimizer.step();
    }
    expectClose(flat(parameter.value), [3, -1], 1e-3);
  });

  it('validates its options', () => {
    const p = [new Parameter(tensor([1]))];
    expect(() => new AdamW(p, { lr: -1 })).toThrow('AdamW: lr must be a finite number >= 0; got number -1');
    expect(() => new AdamW(p, { betas: [0.9, 1] })).toThrow('AdamW: betas must be two numbers in [0, 1); got [0.9, 1]');
    expect(() => new AdamW(p, { eps: 0 })).toThrow('AdamW: eps must be a finite number > 0; got number 0');
    expect(() => new AdamW(p, { weightDecay: -0.1 })).toThrow(ValueError);
    expect(() => new AdamW(p, { weight_decay: 0.1 } as never)).toThrow(
      "AdamW: unknown option 'weight_decay'; expected lr, betas, eps, weightDecay",
    );
  });
});
