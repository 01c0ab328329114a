import { ValueError } from '@chainrule/tensor';
import { describeValue } from './tensor-utils';

/** Validates a finite number > 0 (eps, a step size), else a ValueError naming the function and the option. */
export function checkPositive(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new ValueError(`${op}: ${name} must be a finite number > 0; got ${describeValue(value)}`);
  }
  return value;
}

/** Validates a finite number >= 0 (learning rate, momentum, weight decay), else a ValueError naming the function and the option. */
export function checkNonNegative(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new ValueError(`${op}: ${name} must be a finite number >= 0; got ${describeValue(value)}`);
  }
  return value;
}

/** Throws a ValueError for an options object that is not an object or has keys outside `known` (a typo such as `learningRate`). */
export function checkOptions(op: string, options: unknown, known: readonly string[]): void {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new ValueError(`${op}: options must be an object; got ${describeValue(options)}`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new ValueError(`${op}: unknown option '${key}'; expected ${known.join(', ')}`);
    }
  }
}

/** Validates a probability in [0, 1] (dropout's p), else a ValueError naming the function and the option. */
export function checkProbability(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new ValueError(`${op}: ${name} must be a number in [0, 1]; got ${describeValue(value)}`);
  }
  return value;
}
