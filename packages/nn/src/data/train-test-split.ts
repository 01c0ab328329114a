import { type Rng, type Tensor, ValueError, slice, take } from '@chainrule/tensor';
import { checkOptions } from '../check-options';
import { describeValue } from '../tensor-utils';
import { type Dataset, type Subset, checkBoolean, checkDataset, checkShuffleRng } from './dataset';

/** Options of `trainTestSplit`. */
export interface TrainTestSplitOptions {
  /** The test set's share: a fraction in (0, 1) (rounded up, as scikit-learn does) or a count of examples (≥ 1). */
  testSize: number;
  /** Split a random permutation of the examples (default true); false keeps the order, test last. */
  shuffle?: boolean;
  /** The seeded generator of the permutation; required when shuffling. */
  rng?: Rng;
}

/**
 * Splits a dataset into a training and a test part, cutting every tensor the same way (scikit-learn's
 * `train_test_split`): `testSize` as a fraction gives `ceil(testSize · n)` test examples, an integer gives that many.
 * Shuffled (the default), the test part is the first `nTest` of `rng.permutation(n)` and the training part the rest;
 * with `shuffle: false` the test part is the last `nTest` examples. Both parts must be non-empty.
 *
 * ```ts
 * const { train, test } = trainTestSplit({ x, y }, { testSize: 0.2, rng: new Rng(0) });
 * ```
 */
export function trainTestSplit<D extends Dataset>(
  data: D,
  options: TrainTestSplitOptions,
): { train: Subset<D>; test: Subset<D> } {
  const { names, count } = checkDataset('trainTestSplit', data);
  checkOptions('trainTestSplit', options, ['testSize', 'shuffle', 'rng']);
  const shuffle = checkBoolean('trainTestSplit', 'options.shuffle', options.shuffle, true);
  const rng = checkShuffleRng('trainTestSplit', shuffle, options.rng);
  const testCount = testCountOf(options.testSize, count);
  const trainCount = count - testCount;
  if (testCount < 1 || trainCount < 1) {
    throw new ValueError(
      `trainTestSplit: testSize ${options.testSize} of ${count} examples leaves ${trainCount} for training and ${testCount} for testing; expected at least one in each`,
    );
  }
  const train: Record<string, Tensor> = {};
  const test: Record<string, Tensor> = {};
  const order = rng === null ? null : rng.permutation(count);
  for (const name of names) {
    const value = data[name]!;
    if (order === null) {
      train[name] = slice(value, [0], [trainCount]);
      test[name] = slice(value, [trainCount]);
    } else {
      test[name] = take(value, slice(order, [0], [testCount]), 0);
      train[name] = take(value, slice(order, [testCount]), 0);
    }
  }
  return { train: train as Subset<D>, test: test as Subset<D> };
}

function testCountOf(testSize: unknown, count: number): number {
  if (typeof testSize === 'number' && testSize > 0 && testSize < 1) return Math.ceil(testSize * count);
  if (typeof testSize === 'number' && Number.isInteger(testSize) && testSize >= 1) return testSize;
  throw new ValueError(
    `trainTestSplit: testSize must be a fraction in (0, 1) or a whole number of examples >= 1; got ${describeValue(testSize)}`,
  );
}
