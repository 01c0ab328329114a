import { type Tensor, ValueError, isTensor, scalar } from '@chainrule/tensor';
import { StateDictError } from '../errors';
import { describeTensor, describeValue } from '../tensor-utils';
import { Optimizer } from './optimizer';
import type { Schedule } from './schedules';

const f64 = { dtype: 'float64' } as const;

/**
 * Sets an optimizer's learning rate from a schedule, as PyTorch's `torch.optim.lr_scheduler` classes do: at
 * construction `optimizer.lr = baseLr · schedule(0)`, with `baseLr` the optimizer's learning rate then; each `step()`
 * (call it after `optimizer.step()`) advances the count and sets `optimizer.lr = baseLr · schedule(count)`. The
 * optimizer's update kernel reads `lr` at each step, so the new rate applies from the next `optimizer.step()`.
 *
 * ```ts
 * const scheduler = new LRScheduler(optimizer, sequentialSchedules([linearWarmup(100), cosineDecay(900)], [100]));
 * for (...) { ...; optimizer.step(); scheduler.step(); }
 * ```
 */
export class LRScheduler {
  /** The optimizer whose `lr` this sets. */
  readonly optimizer: Optimizer;
  /** The factor of `baseLr` at each step count. */
  readonly schedule: Schedule;
  #baseLr: number;
  #count: number;

  constructor(optimizer: Optimizer, schedule: Schedule) {
    if (!(optimizer instanceof Optimizer)) {
      throw new ValueError(`LRScheduler: expected an Optimizer (SGD, Adam, ...); got ${describeValue(optimizer)}`);
    }
    if (typeof schedule !== 'function') {
      throw new ValueError(`LRScheduler: schedule must be a function (step) => factor; got ${describeValue(schedule)}`);
    }
    this.optimizer = optimizer;
    this.schedule = schedule;
    this.#baseLr = optimizer.lr;
    this.#count = 0;
    this.#apply();
  }

  /** The learning rate the schedule's factors multiply: the optimizer's `lr` when this scheduler was made. */
  get baseLr(): number {
    return this.#baseLr;
  }

  /** How many times `step()` was called (restored by `loadStateDict`). */
  get count(): number {
    return this.#count;
  }

  /** Advances the step count and sets `optimizer.lr = baseLr · schedule(count)`. */
  step(): void {
    this.#count += 1;
    this.#apply();
  }

  /** `{ baseLr, count }` as `[]` float64 tensors, so they save with the model and the optimizer (safetensors, JSON). */
  stateDict(): Record<string, Tensor> {
    return { baseLr: scalar(this.#baseLr, f64), count: scalar(this.#count, f64) };
  }

  /**
   * Restores `baseLr` and the step count from `stateDict()`'s dict and sets the optimizer's `lr` from them; checked
   * first (a StateDictError naming each problem), then applied.
   */
  loadStateDict(dict: Readonly<Record<string, Tensor>>): void {
    if (dict === null || typeof dict !== 'object' || Array.isArray(dict)) {
      throw new StateDictError(`LRScheduler.loadStateDict: expected { baseLr, count }; got ${describeValue(dict)}`);
    }
    const problems: string[] = [];
    const read = (key: string, valid: (value: number) => boolean, expected: string): number => {
      const value: unknown = dict[key];
      if (!Object.hasOwn(dict, key)) problems.push(`missing key '${key}' (expected [] float64)`);
      else if (!isTensor(value) || value.rank !== 0 || value.dtype !== 'float64') {
        problems.push(
          `'${key}' is ${isTensor(value) ? describeTensor(value) : describeValue(value)}, expected [] float64`,
        );
      } else if (!valid(value.item())) problems.push(`'${key}' is ${value.item()}; expected ${expected}`);
      else return value.item();
      return 0;
    };
    const baseLr = read('baseLr', (value) => Number.isFinite(value) && value >= 0, 'a finite number >= 0');
    const count = read('count', (value) => Number.isSafeInteger(value) && value >= 0, 'an integer >= 0');
    for (const key of Object.keys(dict)) {
      if (key !== 'baseLr' && key !== 'count') problems.push(`unexpected key '${key}'`);
    }
    if (problems.length > 0) throw new StateDictError(`LRScheduler.loadStateDict: ${problems.join('; ')}`);
    this.#baseLr = baseLr;
    this.#count = count;
    this.#apply();
  }

  #apply(): void {
    const factor = this.schedule(this.#count);
    if (typeof factor !== 'number' || !Number.isFinite(factor) || factor < 0) {
      throw new ValueError(
        `LRScheduler: the schedule returned ${describeValue(factor)} at step ${this.#count}; expected a finite factor >= 0`,
      );
    }
    this.optimizer.lr = this.#baseLr * factor;
  }
}
