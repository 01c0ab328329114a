import { Var } from '@chainrule/autograd';
import {
  LRScheduler,
  Parameter,
  SGD,
  StateDictError,
  cosineDecay,
  linearWarmup,
  loadSafetensors,
  saveSafetensors,
  sequentialSchedules,
  stepDecay,
} from '@chainrule/nn';
import { ValueError, scalar, tensor } from '@chainrule/tensor';
import { describe, expect, it } from 'vitest';
import { flat } from '../helpers';

const f64 = { dtype: 'float64' } as const;

describe('LRScheduler', () => {
  it('sets lr = baseLr·schedule(0) at once and baseLr·schedule(t) after the t-th step()', () => {
    const optimizer = new SGD([new Parameter(tensor([0]))], { lr: 0.8 });
    const scheduler = new LRScheduler(optimizer, stepDecay(2, 0.5));
    expect(scheduler.baseLr).toBe(0.8);
    const rates = [optimizer.lr];
    for (let t = 0; t < 5; t++) {
      scheduler.step();
      rates.push(optimizer.lr);
    }
    expect(rates).toEqual([0.8, 0.8, 0.4, 0.4, 0.2, 0.2]);
    expect(scheduler.count).toBe(5);
  });

  it('the optimizer applies each new rate at its next step, from 0 (warm-up) and back to 0 (cosine)', () => {
    // p ← p − lr·g with g = 1: the parameter records every rate used.
    const parameter = new Parameter(tensor([0], f64));
    const optimizer = new SGD([parameter], { lr: 1 });
    const scheduler = new LRScheduler(optimizer, sequentialSchedules([linearWarmup(2), cosineDecay(2)], [2]));
    const positions: number[] = [];
    for (let step = 0; step < 6; step++) {
      parameter.grad = new Var(tensor([1], f64));
      optimizer.step();
      scheduler.step();
      positions.push(flat(parameter.value)[0]!);
    }
    // rates 0, 0.5, 1, 0.5, 0, 0 (see the schedule tests)
    expect(positions).toEqual([0, -0.5, -1.5, -2, -2, -2]);
  });

  it('saves baseLr and its count, and a restored scheduler continues where the saved one was', () => {
    const schedule = stepDecay(2, 0.5);
    const first = new SGD([new Parameter(tensor([0]))], { lr: 0.8 });
    const saved = new LRScheduler(first, schedule);
    for (let t = 0; t < 3; t++) saved.step();
    const dict = loadSafetensors(saveSafetensors(saved.stateDict())).tensors;
    expect(Object.keys(dict).sort()).toEqual(['baseLr', 'count']);

    const second = new SGD([new Parameter(tensor([0]))], { lr: 123 });
    const restored = new LRScheduler(second, schedule);
    restored.loadStateDict(dict);
    expect([restored.baseLr, restored.count, second.lr]).toEqual([0.8, 3, 0.4]);
    saved.step();
    restored.step();
    expect(second.lr).toBe(first.lr);
  });

  it('refuses a bad optimizer, schedule, factor or state dict', () => {
    const optimizer = new SGD([new Parameter(tensor([0]))], { lr: 1 });
    expect(() => new LRScheduler({ lr: 1 } as never, stepDecay(1))).toThrow(
      'LRScheduler: expected an Optimizer (SGD, Adam, ...); got an object',
    );
    expect(() => new LRScheduler(optimizer, 0.5 as never)).toThrow(ValueError);
    const growing = new LRScheduler(optimizer, (t) => (t < 1 ? 1 : Number.NaN));
    expect(() => growing.step()).toThrow(
      'LRScheduler: the schedule returned number NaN at step 1; expected a finite factor >= 0',
    );
    const scheduler = new LRScheduler(optimizer, stepDecay(1));
    expect(() => scheduler.loadStateDict({ baseLr: scalar(1, f64) })).toThrow(StateDictError);
    expect(() => scheduler.loadStateDict({ baseLr: scalar(1, f64) })).toThrow(
      "LRScheduler.loadStateDict: missing key 'count' (expected [] float64)",
    );
    expect(() =>
      scheduler.loadStateDict({ baseLr: scalar(1), count: scalar(1.5, f64), extra: scalar(0, f64) }),
    ).toThrow(
      "LRScheduler.loadStateDict: 'baseLr' is [] float32, expected [] float64; 'count' is 1.5; expected an integer >= 0; unexpected key 'extra'",
    );
    expect(scheduler.count).toBe(0);
  });
});
