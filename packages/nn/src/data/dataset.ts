import { Rng, ShapeError, type Tensor, ValueError, formatShape, isTensor } from '@chainrule/tensor';
import { describeValue } from '../tensor-utils';

/**
 * A dataset: named tensors whose first axis indexes the same examples, such as `{ x: [n, features], y: [n] }`
 * (labels may be int32). `batches` and `trainTestSplit` keep the names and cut every tensor the same way.
 */
export type Dataset = Readonly<Record<string, Tensor>>;

/** The same names as `D`, each a Tensor holding some of the examples (a batch, or one side of a split). */
export type Subset<D extends Dataset> = { [K in keyof D]: Tensor };

/** Internal: checks a dataset and returns its names and its number of examples (the common first axis). */
export function checkDataset(op: string, data: unknown): { names: string[]; count: number } {
  if (data === null || typeof data !== 'object' || Array.isArray(data) || isTensor(data)) {
    throw new ValueError(`${op}: data must be an object of named tensors, e.g. { x, y }; got ${describeValue(data)}`);
  }
  const record = data as Record<string, unknown>;
  const names = Object.keys(record);
  if (names.length === 0) throw new ValueError(`${op}: data has no tensors; expected e.g. { x, y }`);
  let count = -1;
  for (const name of names) {
    const value = record[name];
    if (!isTensor(value)) {
      throw new ValueError(`${op}: data.${name} must be a Tensor; got ${describeValue(value)}`);
    }
    if (value.rank === 0) {
      throw new ShapeError(`${op}: data.${name} is 0-d; expected a first axis of examples`);
    }
    if (count < 0) count = value.shape[0]!;
    else if (value.shape[0] !== count) {
      const lengths = names.map((key) => `${key} ${formatShape((record[key] as Tensor).shape ?? [])}`).join(', ');
      throw new ShapeError(
        `${op}: data.${name} has ${value.shape[0]} examples but data.${names[0]} has ${count} (${lengths}); expected the same first axis`,
      );
    }
  }
  return { names, count };
}

/** Internal: a positive integer option, else a ValueError naming `op` and `name`. */
export function checkPositiveInteger(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new ValueError(`${op}: ${name} must be a positive integer; got ${describeValue(value)}`);
  }
  return value;
}

/** Internal: a boolean option (`fallback` when undefined), else a ValueError. */
export function checkBoolean(op: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean')
    throw new ValueError(`${op}: ${name} must be true or false; got ${describeValue(value)}`);
  return value;
}

/** Internal: the generator a shuffle draws from; required when shuffling, and only then. */
export function checkShuffleRng(op: string, shuffle: boolean, rng: unknown): Rng | null {
  if (!shuffle) {
    if (rng !== undefined) {
      throw new ValueError(`${op}: an rng was given but shuffle is false; pass shuffle: true to shuffle with it`);
    }
    return null;
  }
  if (!(rng instanceof Rng)) {
    throw new ValueError(
      `${op}: shuffling needs options.rng, a seeded generator (new Rng(seed)), so that runs repeat; got ${describeValue(rng)}`,
    );
  }
  return rng;
}
