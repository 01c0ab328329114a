import { isRecording, mul, noGrad, sum, variable } from '@chainrule/autograd';
import { describe, expect, it } from 'vitest';
import { f64 } from './helpers';

describe('noGrad', () => {
  it('runs without recording and returns what fn returns', () => {
    const x = variable(f64([1, 2]));
    const y = noGrad(() => mul(x, x));
    expect(y.requiresGrad).toBe(false);
    expect(y.parents).toEqual([]);
    expect(y.toArray()).toEqual([1, 4]);
    expect(() => sum(y).backward()).toThrow(/does not require grad/);
  });
  it('switches recording off inside and restores it after, also when fn throws, also nested', () => {
    expect(isRecording()).toBe(true);
    noGrad(() => {
      expect(isRecording()).toBe(false);
      noGrad(() => expect(isRecording()).toBe(false));
      expect(isRecording()).toBe(false);
    });
    expect(isRecording()).toBe(true);
    expect(() =>
      noGrad(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(isRecording()).toBe(true);
  });
  it('is how a plain backward runs: gradients are constants', () => {
    const x = variable(f64([3]));
    sum(mul(x, x)).backward();
    expect(x.grad!.requiresGrad).toBe(false);
    expect(x.grad!.parents).toEqual([]);
  });
});
