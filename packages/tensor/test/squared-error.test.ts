import {
  DTypeError,
  Rng,
  ShapeError,
  ValueError,
  add,
  mul,
  scalar,
  square,
  squaredErrorGrad,
  squaredErrorSum,
  sub,
  sum,
  tensor,
  transpose,
  zeros,
} from '@chainrule/tensor';
import { beginCapture, endCapture } from '@chainrule/tensor/internal';
import { afterEach, describe, expect, it } from 'vitest';
import { dtypes, valuesOf } from './reference';

afterEach(() => endCapture());

describe('squaredErrorSum and squaredErrorGrad, by hand', () => {
  it('Σ (target − prediction)² = 0.25 + 1 + 9 and (prediction − target)·2dy = [1, −2, 6]·dy', () => {
    const prediction = tensor([0.5, 1, 4], { dtype: 'float64' });
    const target = tensor([0, 2, 1], { dtype: 'float64' });
    const loss = squaredErrorSum(prediction, target);
    expect(loss.shape).toEqual([]);
    expect(loss.item()).toBe(10.25);
    expect(valuesOf(squaredErrorGrad(prediction, target, scalar(1, { dtype: 'float64' })))).toEqual([1, -2, 6]);
    expect(valuesOf(squaredErrorGrad(prediction, target, scalar(-0.5, { dtype: 'float64' })))).toEqual([-0.5, 1, -3]);
  });

  it('an empty pair sums to 0 and has an empty gradient', () => {
    expect(squaredErrorSum(zeros([0, 3]), zeros([0, 3])).item()).toBe(0);
    expect(squaredErrorGrad(zeros([0, 3]), zeros([0, 3]), scalar(1)).shape).toEqual([0, 3]);
  });
});

describe.each(dtypes)('squaredErrorSum and squaredErrorGrad in %s', (dtype) => {
  // Targets far smaller than the predictions, so that rounding `prediction − target` to the dtype matters, and a
  // seed (101) where the float32 sum would end one ulp away without rounding either the differences or the squares.
  const rng = new Rng(101);
  const prediction = rng.uniform([64, 16], -3, 3, { dtype });
  const target = rng.uniform([64, 16], -1e-3, 1e-3, { dtype });
  const dy = scalar(0.3, { dtype });

  it('give the numbers of the separate ops, bit for bit', () => {
    expect(squaredErrorSum(prediction, target).item()).toBe(sum(square(sub(target, prediction))).item());
    expect(valuesOf(squaredErrorGrad(prediction, target, dy))).toEqual(
      valuesOf(mul(sub(prediction, target), add(dy, dy))),
    );
  });

  it('read strided views (a transpose) as the separate ops do, and keep the shape', () => {
    const p = transpose(prediction);
    const t = transpose(target);
    expect(squaredErrorSum(p, t).item()).toBe(sum(square(sub(t, p))).item());
    const gradient = squaredErrorGrad(p, t, dy);
    expect(gradient.shape).toEqual([16, 64]);
    expect(valuesOf(gradient)).toEqual(valuesOf(mul(sub(p, t), add(dy, dy))));
  });

  it('are recorded kernels: a replay computes them again from new values', () => {
    const p = tensor([1, 2, 3], { dtype });
    const t = tensor([0, 0, 0], { dtype });
    const seed = scalar(1, { dtype });
    const capture = beginCapture('test');
    const loss = squaredErrorSum(p, t);
    const gradient = squaredErrorGrad(p, t, seed);
    endCapture();
    p.storage.set([2, 0, -1]);
    seed.storage.set([0.5]);
    capture.replay();
    expect(loss.item()).toBe(5);
    expect(valuesOf(gradient)).toEqual([2, 0, -1]);
  });
});

describe('squaredErrorSum and squaredErrorGrad, bad input', () => {
  const a = zeros([2, 3]);
  it('name the op, the shapes and the dtypes', () => {
    expect(() => squaredErrorSum(a, zeros([3, 2]))).toThrow(ShapeError);
    expect(() => squaredErrorSum(a, zeros([3, 2]))).toThrow(
      'squaredErrorSum: prediction and target shapes differ: [2,3] vs [3,2]; expected equal shapes',
    );
    expect(() => squaredErrorGrad(a, zeros([2, 3], { dtype: 'float64' }), scalar(1))).toThrow(
      new DTypeError('squaredErrorGrad: prediction is float32 but target is float64; expected one dtype'),
    );
    expect(() => squaredErrorSum(zeros([2], { dtype: 'int32' }), zeros([2], { dtype: 'int32' }))).toThrow(
      /^squaredErrorSum: got an int32 tensor of shape \[2\]; expected float32 or float64/,
    );
    expect(() => squaredErrorGrad(a, a, zeros([2]))).toThrow(
      new ShapeError('squaredErrorGrad: dy has shape [2]; expected one element (the gradient of the scalar sum)'),
    );
    expect(() => squaredErrorGrad(a, a, scalar(1, { dtype: 'float64' }))).toThrow(
      new DTypeError('squaredErrorGrad: dy is float64; expected float32, as prediction'),
    );
    expect(() => squaredErrorSum(a, [0, 0] as never)).toThrow(ValueError);
    expect(() => squaredErrorGrad(a, a, 1 as never)).toThrow(/^squaredErrorGrad: expected a Tensor; got/);
  });
});
