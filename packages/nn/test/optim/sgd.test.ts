import * as T from '@chainrule/tensor';
import { Var, sub, sum, square, variable } from '@chainrule/autograd';
import { Optimizer, Parameter, SGD } from '@chainrule/nn';
import { type Tensor, ValueError, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, flat } from '../helpers';

const f64 = { dtype: 'float64' } as const;

/** Runs `steps` SGD steps on p = [1, −2] with the given gradients set by hand; returns p after each step. */
function run(options: ConstructorParameters<typeof SGD>[1], gradients: number[][]): number[][] {
  const parameter = new Parameter(tensor([1, -2], f64));
  const optimizer = new SGD([parameter], options);
  return gradients.map((gradient) => {
    parameter.grad = new Var(tensor(gradient, f64));
    optimizer.step();
    return flat(parameter.value);
  });
}

const g1 = [0.5, 1];
const g2 = [-1, 2];
const g3 = [0, 0];

describe('SGD steps, computed by hand', () => {
  it('plain: p ← p − η·g', () => {
    const [p1, p2] = run({ lr: 0.1 }, [g1, g2]);
    expectClose(p1!, [0.95, -2.1], 1e-15); // [1 − 0.05, −2 − 0.1]
    expectClose(p2!, [1.05, -2.3], 1e-15); // [0.95 + 0.1, −2.1 − 0.2]
  });

  it('momentum: b ← g, then b ← μ·b + g; p ← p − η·b', () => {
    const [p1, p2, p3] = run({ lr: 0.1, momentum: 0.9 }, [g1, g2, g3]);
    expectClose(p1!, [0.95, -2.1], 1e-15); // b = [0.5, 1]
    expectClose(p2!, [1.005, -2.39], 1e-15); // b = [0.45 − 1, 0.9 + 2] = [−0.55, 2.9]
    expectClose(p3!, [1.0545, -2.651], 1e-15); // b = [−0.495, 2.61]
  });

  it('nesterov: d = g + μ·b; p ← p − η·d', () => {
    const [p1, p2] = run({ lr: 0.1, momentum: 0.9, nesterov: true }, [g1, g2]);
    expectClose(p1!, [0.905, -2.19], 1e-15); // d = [0.5 + 0.45, 1 + 0.9] = [0.95, 1.9]
    expectClose(p2!, [1.0545, -2.651], 1e-15); // b = [−0.55, 2.9], d = [−1 − 0.495, 2 + 2.61] = [−1.495, 4.61]
  });

  it('weight decay: g ← g + λ·p', () => {
    const [p1] = run({ lr: 0.1, weightDecay: 0.01 }, [g1]);
    expectClose(p1!, [0.949, -2.098], 1e-15); // g = [0.5 + 0.01, 1 − 0.02] = [0.51, 0.98]
  });
});

describe('SGD with weight decay and momentum, PyTorch order (decay before the buffer), computed by hand', () => {
  // d = g + λ·p; b = d on the first step, then b = μ·b + d; p ← p − η·b (nesterov: p ← p − η·(d + μ·b)).
  it('momentum + weight decay', () => {
    const [p1, p2] = run({ lr: 0.1, momentum: 0.9, weightDecay: 0.1 }, [g1, g2]);
    expectClose(p1!, [0.94, -2.08], 1e-15); // d = b = [0.5 + 0.1, 1 − 0.2] = [0.6, 0.8]
    // d = [−1 + 0.094, 2 − 0.208] = [−0.906, 1.792]; b = [0.54 − 0.906, 0.72 + 1.792] = [−0.366, 2.512]
    expectClose(p2!, [0.9766, -2.3312], 1e-14);
  });

  it('nesterov + weight decay', () => {
    const [p1, p2] = run({ lr: 0.1, momentum: 0.9, nesterov: true, weightDecay: 0.1 }, [g1, g2]);
    expectClose(p1!, [0.886, -2.152], 1e-15); // d = b = [0.6, 0.8]; d + μ·b = [1.14, 1.52]
    // d = [−0.9114, 1.7848]; b = [−0.3714, 2.5048]; d + μ·b = [−1.24566, 4.03912]
    expectClose(p2!, [1.010566, -2.555912], 1e-14);
  });
});

describe('SGD behaviour', () => {
  it('minimises a quadratic from gradients that backward computes', () => {
    const parameter = new Parameter(tensor([0, 10], f64));
    const optimizer = new SGD([parameter], { lr: 0.1, momentum: 0.5 });
    for (let step = 0; step < 100; step++) {
      optimizer.zeroGrad();
      sum(square(sub(parameter, tensor([3, -1], f64)))).backward();
      optimizer.step();
    }
    expectClose(flat(parameter.value), [3, -1], 1e-9);
  });

  it('replaces the value with a new tensor and leaves the old one (and its dtype) alone', () => {
    const parameter = new Parameter(tensor([1, 2]));
    const before: Tensor = parameter.value;
    parameter.grad = new Var(tensor([1, 1]));
    new SGD([parameter], { lr: 0.5 }).step();
    expect(flat(before)).toEqual([1, 2]);
    expect(flat(parameter.value)).toEqual([0.5, 1.5]);
    expect(parameter.dtype).toBe('float32');
  });

  it('skips a parameter without a gradient and clears gradients with zeroGrad', () => {
    const a = new Parameter(tensor([1], f64));
    const b = new Parameter(tensor([1], f64));
    const optimizer = new SGD([a, b], { lr: 1 });
    a.grad = new Var(tensor([0.25], f64));
    optimizer.step();
    expect(flat(a.value)).toEqual([0.75]);
    expect(flat(b.value)).toEqual([1]);
    optimizer.zeroGrad();
    expect(a.grad).toBeNull();
  });

  it('reads a broadcast (non-contiguous) gradient correctly', () => {
    const parameter = new Parameter(
      tensor(
        [
          [1, 2],
          [3, 4],
        ],
        f64,
      ),
    );
    sum(parameter).backward(); // the gradient of a sum may be a broadcast view of ones
    new SGD([parameter], { lr: 1 }).step();
    expect(flat(parameter.value)).toEqual([0, 1, 2, 3]);
  });

  it('lets the learning rate change between steps', () => {
    const parameter = new Parameter(tensor([0], f64));
    const optimizer = new SGD([parameter], { lr: 1 });
    optimizer.lr = 0.5;
    parameter.grad = new Var(tensor([1], f64));
    optimizer.step();
    expect(flat(parameter.value)).toEqual([-0.5]);
    expect(() => {
      optimizer.lr = -0.5;
    }).toThrow('SGD: lr must be a finite number >= 0; got number -0.5');
    expect(() => {
      optimizer.lr = Number.POSITIVE_INFINITY;
    }).toThrow(ValueError);
    expect(optimizer.lr).toBe(0.5);
  });

  it('allows lr = 0 (warm-up from 0, cosine decay to 0): the step leaves every parameter where it is', () => {
    const parameter = new Parameter(tensor([1, -2], f64));
    const optimizer = new SGD([parameter], { lr: 0, momentum: 0.9, weightDecay: 0.1 });
    parameter.grad = new Var(tensor([5, 5], f64));
    optimizer.step();
    expect(flat(parameter.value)).toEqual([1, -2]);
    optimizer.lr = 0.1;
    optimizer.step();
    // The momentum buffer kept counting while lr was 0: b = 0.9·g' + g' with g' = g + 0.1·p.
    expectClose(flat(parameter.value), [1 - 0.1 * 1.9 * 5.1, -2 - 0.1 * 1.9 * 4.8], 1e-14);
  });

  it('validates its options and parameters', () => {
    const p = [new Parameter(tensor([1]))];
    expect(() => new SGD(p, {} as { lr: number })).toThrow('SGD: lr must be a finite number >= 0; got undefined');
    expect(() => new SGD(p, { lr: -1 })).toThrow(ValueError);
    expect(() => new SGD(p, { lr: Number.NaN })).toThrow(ValueError);
    expect(() => new SGD(p, { lr: 0.1, momentum: -0.5 })).toThrow(/momentum must be a finite number >= 0/);
    expect(() => new SGD(p, { lr: 0.1, nesterov: true })).toThrow(
      'SGD: nesterov momentum needs momentum > 0; got momentum 0',
    );
    expect(() => new SGD(p, { lr: 0.1, weightDecay: -1 })).toThrow(ValueError);
    expect(() => new SGD(p, { learningRate: 0.1 } as unknown as { lr: number })).toThrow(
      /unknown option 'learningRate'/,
    );
    expect(() => new SGD([variable(tensor([1]))] as unknown as Parameter[], { lr: 1 })).toThrow(
      'SGD: params[0] must be a Parameter (use model.parameters()); got a Var [1] float32',
    );
    expect(() => new SGD([], { lr: 1 })).toThrow(/empty parameter list/);
    expect(() => new SGD([p[0]!, p[0]!], { lr: 1 })).toThrow(/params\[1\] appears twice/);
  });
});

describe('Optimizer', () => {
  it('is the base a user optimizer builds on (here sign descent: p ← p − η·sign(g))', () => {
    class SignDescent extends Optimizer {
      constructor(parameters: Iterable<Parameter>, lr: number) {
        super('SignDescent', parameters, lr);
      }
      step(): void {
        for (const parameter of this.parameters) {
          const grad = this.gradientOf(parameter);
          if (grad !== null) parameter.value = T.sub(parameter.value, T.mul(this.lr, T.sign(grad)));
        }
      }
    }
    const parameter = new Parameter(tensor([1, 1, 1], f64));
    const optimizer = new SignDescent([parameter], 0.25);
    parameter.grad = new Var(tensor([3, -0.1, 0], f64));
    optimizer.step();
    expect(flat(parameter.value)).toEqual([0.75, 1.25, 1]);
    expect(() => new SignDescent([parameter], -1)).toThrow(
      'SignDescent: lr must be a finite number >= 0; got number -1',
    );
  });

  it('keeps a user optimizer’s per-parameter state, made by initialState, in its state dict', () => {
    type Velocity = { step: number; velocity: Tensor };
    // Heavy ball: v ← 0.5·v + g, p ← p − η·v
    class HeavyBall extends Optimizer<Velocity> {
      constructor(parameters: Iterable<Parameter>, lr: number) {
        super('HeavyBall', parameters, lr);
      }
      step(): void {
        const gradients = this.checkedGradients();
        this.parameters.forEach((parameter, index) => {
          const grad = gradients[index];
          if (!grad) return;
          const state = this.stateOf(index)!;
          state.velocity = T.add(T.mul(state.velocity, 0.5), grad);
          state.step += 1;
          parameter.value = T.sub(parameter.value, T.mul(state.velocity, this.lr));
        });
      }
      protected override initialState(value: Tensor): Velocity {
        return { step: 0, velocity: T.zerosLike(value) };
      }
    }
    const parameter = new Parameter(tensor([0], f64));
    const optimizer = new HeavyBall([parameter], 0.5);
    for (let step = 0; step < 2; step++) {
      parameter.grad = new Var(tensor([1], f64));
      optimizer.step();
    }
    // v = 1, then 1.5: p = −0.5, then −1.25
    expect(flat(parameter.value)).toEqual([-1.25]);
    const dict = optimizer.stateDict();
    expect(Object.keys(dict)).toEqual(['lr', 'state.0.step', 'state.0.velocity']);
    const copy = new HeavyBall([new Parameter(tensor([-1.25], f64))], 9);
    copy.loadStateDict(dict);
    copy.parameters[0]!.grad = new Var(tensor([1], f64));
    copy.step();
    expect(flat(copy.parameters[0]!.value)).toEqual([-1.25 - 0.5 * 1.75]);
  });
});
