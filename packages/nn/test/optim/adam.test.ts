import { Var, sub, sum, square } from '@chainrule/autograd';
import { Adam, Parameter } from '@chainrule/nn';
import { ValueError, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, flat } from '../helpers';

const f64 = { dtype: 'float64' } as const;

describe('Adam steps, computed by hand', () => {
  it('follows m, v, bias correction and p ← p − η·m̂/(√v̂ + ε) over two steps', () => {
    const parameter = new Parameter(tensor([1, -2], f64));
    const optimizer = new Adam([parameter], { lr: 0.1 });
    expect(optimizer.betas).toEqual([0.9, 0.999]);
    expect(optimizer.eps).toBe(1e-8);

    parameter.grad = new Var(tensor([0.5, 1], f64));
    optimizer.step();
    // m = 0.1·g = [0.05, 0.1], v = 0.001·g² = [0.00025, 0.001]; m̂ = [0.5, 1], v̂ = [0.25, 1].
    const p1 = [1 - (0.1 * 0.5) / (0.5 + 1e-8), -2 - (0.1 * 1) / (1 + 1e-8)];
    expectClose(flat(parameter.value), p1, 1e-15);

    parameter.grad = new Var(tensor([-1, 2], f64));
    optimizer.step();
    // m = 0.9·m + 0.1·g = [−0.055, 0.29]; v = 0.999·v + 0.001·g² = [0.00124975, 0.004999];
    // 1 − β₁² = 0.19, 1 − β₂² = 0.001999.
    const mHat = [-0.055 / 0.19, 0.29 / 0.19];
    const vHat = [0.00124975 / 0.001999, 0.004999 / 0.001999];
    const p2 = p1.map((p, i) => p - (0.1 * mHat[i]!) / (Math.sqrt(vHat[i]!) + 1e-8));
    expectClose(flat(parameter.value), p2, 1e-14);
  });

  it('adds weight decay to the gradient (L2, as torch.optim.Adam)', () => {
    const parameter = new Parameter(tensor([1, -2], f64));
    const optimizer = new Adam([parameter], { lr: 0.1, weightDecay: 0.5 });
    parameter.grad = new Var(tensor([0.5, 1], f64));
    optimizer.step();
    // g = [0.5 + 0.5, 1 − 1] = [1, 0]: the second element gets m = v = 0 and stays put.
    expectClose(flat(parameter.value), [1 - 0.1 / (1 + 1e-8), -2], 1e-15);
  });

  it('uses the betas and eps it is given', () => {
    const parameter = new Parameter(tensor([0], f64));
    const optimizer = new Adam([parameter], { lr: 1, betas: [0.5, 0.75], eps: 0.5 });
    parameter.grad = new Var(tensor([2], f64));
    optimizer.step();
    // m̂ = 0.5·2/0.5 = 2, v̂ = 0.25·4/0.25 = 4: p = 0 − 2/(2 + 0.5) = −0.8.
    expectClose(flat(parameter.value), [-0.8], 1e-15);
    parameter.grad = new Var(tensor([2], f64));
    optimizer.step();
    // m = 0.5·1 + 0.5·2 = 1.5, m̂ = 1.5/0.75 = 2; v = 0.75·1 + 0.25·4 = 1.75, v̂ = 1.75/0.4375 = 4: p = −0.8 − 0.8.
    expectClose(flat(parameter.value), [-1.6], 1e-15);
  });

  it('counts steps per parameter: one without a gradient is skipped and starts its own count later', () => {
    const a = new Parameter(tensor([0], f64));
    const b = new Parameter(tensor([0], f64));
    const optimizer = new Adam([a, b], { lr: 0.1 });
    a.grad = new Var(tensor([3], f64));
    optimizer.step();
    expect(flat(b.value)).toEqual([0]);
    b.grad = new Var(tensor([3], f64));
    optimizer.step();
    // b's first step: m̂ = g, v̂ = g², so it moves by η·g/(|g| + ε), like a's first step did.
    expectClose(flat(b.value), [(-0.1 * 3) / (3 + 1e-8)], 1e-15);
  });

  it('minimises a quadratic from gradients that backward computes', () => {
    const parameter = new Parameter(tensor([0, 10], f64));
    const optimizer = new Adam([parameter], { lr: 0.1 });
    for (let step = 0; step < 1000; step++) {
      optimizer.zeroGrad();
      sum(square(sub(parameter, tensor([3, -1], f64)))).backward();
      optimizer.step();
    }
    expectClose(flat(parameter.value), [3, -1], 1e-3);
  });

  it('validates its options', () => {
    const p = [new Parameter(tensor([1]))];
    expect(new Adam(p).lr).toBe(1e-3);
    expect(() => new Adam(p, { lr: -1 })).toThrow('Adam: lr must be a finite number >= 0; got number -1');
    expect(() => new Adam(p, { betas: [1, 0.999] })).toThrow(
      'Adam: betas must be two numbers in [0, 1); got [1, 0.999]',
    );
    expect(() => new Adam(p, { betas: [0.9] as unknown as [number, number] })).toThrow(ValueError);
    expect(() => new Adam(p, { betas: [0.9, -0.1] })).toThrow(ValueError);
    expect(() => new Adam(p, { eps: 0 })).toThrow(/eps must be a finite number > 0/);
    expect(() => new Adam(p, { weightDecay: Number.POSITIVE_INFINITY })).toThrow(
      /weightDecay must be a finite number >= 0/,
    );
    expect(() => new Adam(p, { beta1: 0.9 } as never)).toThrow(
      /unknown option 'beta1'; expected lr, betas, eps, weightDecay/,
    );
    expect(() => new Adam([tensor([1])] as never)).toThrow(/params\[0\] must be a Parameter/);
  });
});

describe('Adam on float32 parameters', () => {
  /** Two Adam steps on float64 numbers, rounding the state and the parameter to float32 when `round` is set. */
  function mirror(p0: number[], gradients: number[][], lr: number, round: (x: number) => number): number[] {
    let p = p0.map(round);
    const m = p.map(() => 0);
    const v = p.map(() => 0);
    gradients.forEach((gradient, index) => {
      const t = index + 1;
      const stepSize = lr / (1 - 0.9 ** t);
      const root = Math.sqrt(1 - 0.999 ** t);
      p = p.map((value, i) => {
        const g = round(gradient[i]!);
        m[i] = round(0.9 * m[i]! + 0.1 * g);
        v[i] = round(0.999 * v[i]! + 0.001 * g * g);
        return round(value - (stepSize * m[i]!) / (Math.sqrt(v[i]!) / root + 1e-8));
      });
    });
    return p;
  }

  it('keeps float32 state and rounds like float32 arithmetic (checked with Math.fround)', () => {
    const p0 = [0.3, -1.7, 2.9];
    const gradients = [
      [0.1, -0.7, 1.3],
      [-0.37, 0.21, 3.1],
    ];
    const parameter = new Parameter(tensor(p0));
    const optimizer = new Adam([parameter], { lr: 0.01 });
    for (const gradient of gradients) {
      parameter.grad = new Var(tensor(gradient));
      optimizer.step();
    }
    expect(parameter.dtype).toBe('float32');
    const expected = mirror(p0, gradients, 0.01, Math.fround);
    // The float32 rounding of the state must matter here, or this test could not tell it from a float64 state.
    expect(mirror(p0, gradients, 0.01, (x) => x).map(Math.fround)).not.toEqual(expected);
    expect(flat(parameter.value)).toEqual(expected);
  });
});
