import { ValueError } from '@chainrule/tensor';
import { describeValue } from '../tensor-utils';

/**
 * A learning-rate schedule: the factor by which the base learning rate is multiplied after `step` scheduler steps
 * (`step` = 0, 1, 2, ...). `LRScheduler` applies it: `lr = baseLr · schedule(step)`. Any function of that type is a
 * schedule; the ones below follow PyTorch's `torch.optim.lr_scheduler` closed forms, and `chainSchedules` /
 * `sequentialSchedules` compose them.
 */
export type Schedule = (step: number) => number;

/** PyTorch's `StepLR`: the factor `γ^⌊step / stepSize⌋`, a drop by `gamma` every `stepSize` steps. */
export function stepDecay(stepSize: number, gamma = 0.1): Schedule {
  checkCount('stepDecay', 'stepSize', stepSize);
  checkFactor('stepDecay', 'gamma', gamma);
  return (step) => gamma ** Math.floor(step / stepSize);
}

/** PyTorch's `ExponentialLR`: the factor `γ^step`. */
export function exponentialDecay(gamma: number): Schedule {
  checkFactor('exponentialDecay', 'gamma', gamma);
  return (step) => gamma ** step;
}

/**
 * PyTorch's `CosineAnnealingLR` (`T_max = steps`, `eta_min = minFactor · baseLr`): the factor
 * `minFactor + (1 − minFactor)·(1 + cos(π·t / steps)) / 2` with `t = min(step, steps)`, from 1 down to `minFactor`
 * (default 0) over `steps` steps, then held there (PyTorch's closed form would rise again).
 */
export function cosineDecay(steps: number, minFactor = 0): Schedule {
  checkCount('cosineDecay', 'steps', steps);
  checkFactor('cosineDecay', 'minFactor', minFactor);
  return (step) => minFactor + ((1 - minFactor) * (1 + Math.cos((Math.PI * Math.min(step, steps)) / steps))) / 2;
}

/**
 * PyTorch's `LinearLR` with `end_factor = 1` (`total_iters = steps`): the factor
 * `startFactor + (1 − startFactor)·min(step, steps) / steps`, from `startFactor` (default 0) up to 1 over `steps`
 * steps, then 1.
 */
export function linearWarmup(steps: number, startFactor = 0): Schedule {
  checkCount('linearWarmup', 'steps', steps);
  checkFactor('linearWarmup', 'startFactor', startFactor);
  return (step) => startFactor + ((1 - startFactor) * Math.min(step, steps)) / steps;
}

/** PyTorch's `ChainedScheduler`: the product of the schedules' factors at each step, e.g. a warm-up times a decay. */
export function chainSchedules(...schedules: Schedule[]): Schedule {
  checkSchedules('chainSchedules', schedules);
  return (step) => schedules.reduce((factor, schedule) => factor * schedule(step), 1);
}

/**
 * PyTorch's `SequentialLR`: `schedules[0]` until `milestones[0]`, then `schedules[1]` counted from 0 again, and so
 * on; `milestones` are increasing step numbers, one fewer than the schedules. Warm-up then cosine decay:
 * `sequentialSchedules([linearWarmup(100), cosineDecay(900)], [100])`.
 */
export function sequentialSchedules(schedules: readonly Schedule[], milestones: readonly number[]): Schedule {
  checkSchedules('sequentialSchedules', schedules);
  if (!Array.isArray(milestones) || milestones.length !== schedules.length - 1) {
    throw new ValueError(
      `sequentialSchedules: expected ${schedules.length - 1} milestone${schedules.length === 2 ? '' : 's'} for ${schedules.length} schedules; got ${Array.isArray(milestones) ? milestones.length : describeValue(milestones)}`,
    );
  }
  milestones.forEach((milestone, index) => {
    if (!Number.isSafeInteger(milestone) || milestone < 1 || (index > 0 && milestone <= milestones[index - 1]!)) {
      throw new ValueError(
        `sequentialSchedules: milestones must be increasing integers >= 1; got [${milestones.join(', ')}]`,
      );
    }
  });
  return (step) => {
    let index = 0;
    while (index < milestones.length && step >= milestones[index]!) index++;
    return schedules[index]!(index === 0 ? step : step - milestones[index - 1]!);
  };
}

function checkCount(op: string, name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new ValueError(`${op}: ${name} must be an integer >= 1; got ${describeValue(value)}`);
  }
}

function checkFactor(op: string, name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValueError(`${op}: ${name} must be a finite number >= 0; got ${describeValue(value)}`);
  }
}

function checkSchedules(op: string, schedules: readonly unknown[]): void {
  if (schedules.length === 0) throw new ValueError(`${op}: expected at least one schedule; got none`);
  schedules.forEach((schedule, index) => {
    if (typeof schedule !== 'function') {
      throw new ValueError(
        `${op}: schedule ${index} must be a function (step) => factor; got ${describeValue(schedule)}`,
      );
    }
  });
}
