import { checkGrad, clip, grad, sum } from '@chainrule/autograd';
import { ValueError } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose, f64, random } from '../helpers';

describe('clip', () => {
  it('clamps into [min, max]; the gradient is 1 inside, at the bounds too (as PyTorch clamp), 0 outside', () => {
    const x = f64([-3, -1, 0, 2, 5]);
    expectClose(clip(x, -1, 2), [-1, -1, 0, 2, 2]);
    expectClose(grad((v) => sum(clip(v, -1, 2)))(x), [0, 1, 1, 1, 0]);
    expectClose(grad((v) => sum(grad((w) => sum(clip(w, -1, 2)))(v)))(x), [0, 0, 0, 0, 0]);
    expectClose(clip(x, 0, Number.POSITIVE_INFINITY), [0, 0, 0, 2, 5]);
  });
  it('matches central differences, first and second order, away from the bounds', () => {
    checkGrad((x) => clip(x, -0.5, 0.7), [random([3, 4], 1)], { order: 2 });
  });
  it('rejects bounds out of order', () => {
    expect(() => clip(f64([1]), 1, 0)).toThrow(ValueError);
  });
});
