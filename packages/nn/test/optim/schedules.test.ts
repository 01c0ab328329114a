import {
  chainSchedules,
  cosineDecay,
  exponentialDecay,
  linearWarmup,
  sequentialSchedules,
  stepDecay,
} from '@chainrule/nn';
import { ValueError } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { expectClose } from '../helpers';

const at = (schedule: (step: number) => number, steps: number[]): number[] => steps.map(schedule);

describe('schedules (factors of the base learning rate, PyTorch closed forms)', () => {
  it('stepDecay: γ^⌊t/stepSize⌋, as StepLR(step_size=3, gamma=0.5)', () => {
    expect(at(stepDecay(3, 0.5), [0, 1, 2, 3, 5, 6, 9])).toEqual([1, 1, 1, 0.5, 0.5, 0.25, 0.125]);
    expect(stepDecay(10)(10)).toBe(0.1);
  });

  it('exponentialDecay: γ^t, as ExponentialLR(gamma=0.5)', () => {
    expect(at(exponentialDecay(0.5), [0, 1, 2, 10])).toEqual([1, 0.5, 0.25, 1 / 1024]);
  });

  it('cosineDecay: from 1 to minFactor along half a cosine over `steps`, then held, as CosineAnnealingLR(T_max=4)', () => {
    // (1 + cos(π·t/4))/2 at t = 0..4: 1, (1 + √½)/2, ½, (1 − √½)/2, 0
    const half = Math.SQRT1_2;
    expectClose(at(cosineDecay(4), [0, 1, 2, 3, 4, 5, 100]), [1, (1 + half) / 2, 0.5, (1 - half) / 2, 0, 0, 0], 1e-16);
    // eta_min = 0.1·base: 0.1 + 0.9·(1 + cos)/2
    expectClose(at(cosineDecay(4, 0.1), [0, 2, 4, 8]), [1, 0.55, 0.1, 0.1], 1e-16);
  });

  it('linearWarmup: from startFactor to 1 over `steps`, then 1, as LinearLR(start_factor, 1, total_iters=4)', () => {
    expect(at(linearWarmup(4), [0, 1, 2, 3, 4, 7])).toEqual([0, 0.25, 0.5, 0.75, 1, 1]);
    expectClose(at(linearWarmup(4, 0.2), [0, 2, 4]), [0.2, 0.6, 1], 2e-16);
  });

  it('chainSchedules multiplies factors, as ChainedScheduler', () => {
    expect(at(chainSchedules(linearWarmup(2), stepDecay(2, 0.5)), [0, 1, 2, 3, 4])).toEqual([0, 0.5, 0.5, 0.5, 0.25]);
  });

  it('sequentialSchedules runs each schedule from 0 at its milestone, as SequentialLR', () => {
    const warmupThenCosine = sequentialSchedules([linearWarmup(2), cosineDecay(2)], [2]);
    expectClose(at(warmupThenCosine, [0, 1, 2, 3, 4, 5]), [0, 0.5, 1, 0.5, 0, 0], 1e-16);
    const three = sequentialSchedules([() => 1, exponentialDecay(0.5), () => 0.125], [1, 3]);
    expect(at(three, [0, 1, 2, 3, 4])).toEqual([1, 1, 0.5, 0.125, 0.125]);
  });

  it('rejects bad arguments with a ValueError naming the schedule', () => {
    expect(() => stepDecay(0)).toThrow('stepDecay: stepSize must be an integer >= 1; got number 0');
    expect(() => stepDecay(2, -1)).toThrow('stepDecay: gamma must be a finite number >= 0; got number -1');
    expect(() => exponentialDecay(Number.NaN)).toThrow(ValueError);
    expect(() => cosineDecay(1.5)).toThrow(ValueError);
    expect(() => linearWarmup(10, Number.POSITIVE_INFINITY)).toThrow(ValueError);
    expect(() => chainSchedules()).toThrow('chainSchedules: expected at least one schedule; got none');
    expect(() => chainSchedules(0.5 as never)).toThrow(
      'chainSchedules: schedule 0 must be a function (step) => factor; got number 0.5',
    );
    expect(() => sequentialSchedules([linearWarmup(2), cosineDecay(2)], [])).toThrow(
      'sequentialSchedules: expected 1 milestone for 2 schedules; got 0',
    );
    expect(() => sequentialSchedules([() => 1, () => 1, () => 1], [3, 3])).toThrow(
      'sequentialSchedules: milestones must be increasing integers >= 1; got [3, 3]',
    );
  });
});
