import { describe, expect, it } from 'vitest';
import {
  type AdamState,
  DTypeError,
  type RmspropState,
  ShapeError,
  type SgdState,
  type Tensor,
  ValueError,
  adamUpdate,
  adamwUpdate,
  rmspropUpdate,
  sgdUpdate,
  tensor,
  transpose,
  zeros,
} from '@chainrule/tensor';
import { valuesOf } from './reference';

const f64 = { dtype: 'float64' } as const;

function closeTo(actual: Tensor, expected: readonly number[], tolerance = 1e-15): void {
  const values = valuesOf(actual);
  expect(values.length).toBe(expected.length);
  values.forEach((value, i) => expect(Math.abs(value - expected[i]!)).toBeLessThanOrEqual(tolerance));
}

const sgd = { lr: 0.1, momentum: 0.9, nesterov: false, weightDecay: 0 };

describe('sgdUpdate', () => {
  it('takes the first momentum step from state.step = 0 and counts steps in the state', () => {
    const value = tensor([1, -2], f64);
    const state: SgdState = { step: 0, momentumBuffer: zeros([2], f64) };
    sgdUpdate(value, value, tensor([0.5, 1], f64), state, sgd);
    expect(state.step).toBe(1);
    closeTo(state.momentumBuffer!, [0.5, 1]); // b = g at the first step
    closeTo(value, [0.95, -2.1]);
    sgdUpdate(value, value, tensor([-1, 2], f64), state, sgd);
    expect(state.step).toBe(2);
    closeTo(state.momentumBuffer!, [0.45 - 1, 0.9 + 2]); // b = μ·b + g
    closeTo(value, [0.95 + 0.055, -2.1 - 0.29]);
  });

  it('a restored state (step > 0) continues the momentum instead of restarting it', () => {
    const value = tensor([0], f64);
    const state: SgdState = { step: 3, momentumBuffer: tensor([2], f64) };
    sgdUpdate(value, value, tensor([1], f64), state, sgd);
    closeTo(state.momentumBuffer!, [0.9 * 2 + 1]);
  });

  it('needs a momentum buffer only when momentum > 0', () => {
    const value = tensor([1], f64);
    const plain: SgdState = { step: 0, momentumBuffer: null };
    sgdUpdate(value, value, tensor([2], f64), plain, { ...sgd, momentum: 0 });
    closeTo(value, [0.8]);
    expect(plain.step).toBe(1);
    expect(() => sgdUpdate(value, value, tensor([2], f64), plain, sgd)).toThrow(ValueError);
    expect(() => sgdUpdate(value, value, tensor([2], f64), plain, sgd)).toThrow(
      'sgdUpdate: momentum > 0 needs state.momentumBuffer; got null',
    );
    expect(plain.step).toBe(1);
  });
});

describe('adamwUpdate', () => {
  it('decays the value by 1 − η·λ and leaves the moments to the raw gradient (two steps by hand)', () => {
    const value = tensor([1, -2], f64);
    const state: AdamState = { step: 0, average: zeros([2], f64), averageSquare: zeros([2], f64) };
    const options = { lr: 0.1, betas: [0.9, 0.999] as const, eps: 1e-8, weightDecay: 0.5 };
    adamwUpdate(value, value, tensor([0.5, 1], f64), state, options);
    // p·(1 − 0.05); m = 0.1·g, v = 0.001·g²; m̂ = g = [0.5, 1], v̂ = g² = [0.25, 1].
    const p1 = [0.95 - (0.1 * 0.5) / (0.5 + 1e-8), -1.9 - (0.1 * 1) / (1 + 1e-8)];
    closeTo(value, p1);
    closeTo(state.average, [0.05, 0.1], 1e-16);
    adamwUpdate(value, value, tensor([-1, 2], f64), state, options);
    // m = [0.045 − 0.1, 0.09 + 0.2] = [−0.055, 0.29]; v = [0.00024975 + 0.001, 0.000999 + 0.004].
    const mHat = [-0.055 / 0.19, 0.29 / 0.19];
    const vHat = [0.00124975 / 0.001999, 0.004999 / 0.001999];
    closeTo(
      value,
      p1.map((p, i) => p * 0.95 - (0.1 * mHat[i]!) / (Math.sqrt(vHat[i]!) + 1e-8)),
      1e-14,
    );
    expect(state.step).toBe(2);
  });

  it('with λ = 0 is exactly adamUpdate', () => {
    const options = { lr: 0.01, betas: [0.8, 0.99] as const, eps: 1e-6, weightDecay: 0 };
    const a = tensor([0.3, -0.7, 2]);
    const b = tensor([0.3, -0.7, 2]);
    const stateA: AdamState = { step: 0, average: zeros([3]), averageSquare: zeros([3]) };
    const stateB: AdamState = { step: 0, average: zeros([3]), averageSquare: zeros([3]) };
    for (const g of [
      [1, 2, 3],
      [-0.5, 0.25, 4],
    ]) {
      adamwUpdate(a, a, tensor(g), stateA, options);
      adamUpdate(b, b, tensor(g), stateB, options);
    }
    expect(valuesOf(a)).toEqual(valuesOf(b));
  });

  it('reads the learning rate from the object at each call', () => {
    const hyperparameters = { lr: 0.1, betas: [0.9, 0.999] as const, eps: 1e-8, weightDecay: 0 };
    const value = tensor([0], f64);
    const state: AdamState = { step: 0, average: zeros([1], f64), averageSquare: zeros([1], f64) };
    hyperparameters.lr = 0;
    adamwUpdate(value, value, tensor([3], f64), state, hyperparameters);
    closeTo(value, [0]);
    hyperparameters.lr = 0.5;
    adamwUpdate(value, value, tensor([3], f64), state, hyperparameters);
    closeTo(value, [-0.5], 1e-8); // m̂ = 3, v̂ = 9 at any step with a constant gradient
  });
});

describe('rmspropUpdate', () => {
  const plain = { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false };
  const fresh = (momentum: boolean, centered: boolean): RmspropState => ({
    step: 0,
    averageSquare: zeros([2], f64),
    momentumBuffer: momentum ? zeros([2], f64) : null,
    averageGradient: centered ? zeros([2], f64) : null,
  });

  it('divides by the root of the running mean square (two steps by hand)', () => {
    const value = tensor([1, -2], f64);
    const state = fresh(false, false);
    rmspropUpdate(value, value, tensor([0.5, 1], f64), state, plain);
    // v = 0.01·g² = [0.0025, 0.01]: p − 0.01·g/(√v + ε) = p − 0.01·[0.5/0.05, 1/0.1] ≈ p − [0.1, 0.1]
    const p1 = [1 - (0.01 * 0.5) / (0.05 + 1e-8), -2 - (0.01 * 1) / (0.1 + 1e-8)];
    closeTo(value, p1);
    rmspropUpdate(value, value, tensor([-1, 2], f64), state, plain);
    const v = [0.99 * 0.0025 + 0.01 * 1, 0.99 * 0.01 + 0.01 * 4];
    closeTo(state.averageSquare, v, 1e-16);
    closeTo(value, [p1[0]! + 0.01 / (Math.sqrt(v[0]!) + 1e-8), p1[1]! - 0.02 / (Math.sqrt(v[1]!) + 1e-8)], 1e-15);
    expect(state.step).toBe(2);
  });

  it('centered: divides by √(v − ḡ²) + ε', () => {
    const value = tensor([1, -2], f64);
    const state = fresh(false, true);
    rmspropUpdate(value, value, tensor([0.5, 1], f64), state, { ...plain, centered: true });
    // ḡ = 0.01·g = [0.005, 0.01]; v − ḡ² = [0.0025 − 0.000025, 0.01 − 0.0001]
    closeTo(state.averageGradient!, [0.005, 0.01], 1e-17);
    closeTo(
      value,
      [1 - (0.01 * 0.5) / (Math.sqrt(0.002475) + 1e-8), -2 - (0.01 * 1) / (Math.sqrt(0.0099) + 1e-8)],
      1e-15,
    );
  });

  it('momentum: b ← μ·b + g/a, p ← p − η·b', () => {
    const value = tensor([1, -2], f64);
    const state = fresh(true, false);
    const options = { ...plain, momentum: 0.9, weightDecay: 0.1 };
    rmspropUpdate(value, value, tensor([0.5, 1], f64), state, options);
    // g = grad + 0.1·p = [0.6, 0.8]; v = 0.01·g²; b = g/(√v + ε) ≈ [10, 10]
    const g1 = [0.6, 0.8];
    const b1 = g1.map((g) => g / (Math.sqrt(0.01 * g * g) + 1e-8));
    closeTo(state.momentumBuffer!, b1, 1e-13);
    const p1 = [1 - 0.01 * b1[0]!, -2 - 0.01 * b1[1]!];
    closeTo(value, p1, 1e-15);
    rmspropUpdate(value, value, tensor([0.5, 1], f64), state, options);
    const g2 = [0.5 + 0.1 * p1[0]!, 1 + 0.1 * p1[1]!];
    const v2 = g2.map((g, i) => 0.99 * 0.01 * g1[i]! ** 2 + 0.01 * g * g);
    const b2 = b1.map((b, i) => 0.9 * b + g2[i]! / (Math.sqrt(v2[i]!) + 1e-8));
    closeTo(value, [p1[0]! - 0.01 * b2[0]!, p1[1]! - 0.01 * b2[1]!], 1e-14);
  });

  it('centered: a running variance rounded below 0 gives a finite step, never NaN', () => {
    const value = tensor([1, 1], f64);
    const state: RmspropState = {
      step: 5,
      averageSquare: tensor([0, 1e-20], f64),
      momentumBuffer: null,
      averageGradient: tensor([1, 1], f64),
    };
    rmspropUpdate(value, value, tensor([0, 0], f64), state, { ...plain, centered: true });
    expect(valuesOf(value)).toEqual([1, 1]);
  });

  it('asks for the state its options need', () => {
    const value = tensor([1, -2], f64);
    expect(() => rmspropUpdate(value, value, value, fresh(false, false), { ...plain, centered: true })).toThrow(
      'rmspropUpdate: centered needs state.averageGradient; got null',
    );
    expect(() => rmspropUpdate(value, value, value, fresh(false, false), { ...plain, momentum: 0.5 })).toThrow(
      'rmspropUpdate: momentum > 0 needs state.momentumBuffer; got null',
    );
  });
});

describe('update kernels check what they write', () => {
  it('a strided output, a state of another size or dtype are errors', () => {
    const value = tensor([
      [1, 2],
      [3, 4],
    ]);
    const grad = tensor([
      [1, 1],
      [1, 1],
    ]);
    const options = { lr: 0.1, betas: [0.9, 0.999] as const, eps: 1e-8, weightDecay: 0 };
    const state = (): AdamState => ({ step: 0, average: zeros([2, 2]), averageSquare: zeros([2, 2]) });
    expect(() => adamwUpdate(transpose(zeros([2, 2])), value, grad, state(), options)).toThrow(ShapeError);
    expect(() => adamwUpdate(zeros([2, 2]), value, grad, { ...state(), average: zeros([3]) }, options)).toThrow(
      ShapeError,
    );
    expect(() =>
      adamwUpdate(zeros([2, 2]), value, grad, { ...state(), averageSquare: zeros([2, 2], f64) }, options),
    ).toThrow(DTypeError);
    const rms = { lr: 0.01, alpha: 0.99, eps: 1e-8, weightDecay: 0, momentum: 0, centered: false };
    expect(() =>
      rmspropUpdate(
        zeros([2, 2]),
        value,
        grad,
        { step: 0, averageSquare: zeros([4], f64), momentumBuffer: null, averageGradient: null },
        rms,
      ),
    ).toThrow(DTypeError);
  });
});
