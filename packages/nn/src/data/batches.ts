import { type Rng, type Tensor, slice, take } from '@chainrule/tensor';
import { checkOptions } from '../check-options';
import {
  type Dataset,
  type Subset,
  checkBoolean,
  checkDataset,
  checkPositiveInteger,
  checkShuffleRng,
} from './dataset';

/** Options of `batches`. */
export interface BatchesOptions {
  /** Examples per batch (the last batch may be smaller unless `dropLast`). */
  size: number;
  /** Visit the examples in a new random order at every pass (default false). */
  shuffle?: boolean;
  /** The seeded generator the order is drawn from; required when `shuffle` is true. */
  rng?: Rng;
  /** Leave out a last batch smaller than `size` (default false). */
  dropLast?: boolean;
}

/**
 * Mini-batches of a dataset, as PyTorch's `DataLoader` gives them: iterate it once per epoch. Each pass yields
 * `{ x, y, ... }` objects (the dataset's names) holding `size` consecutive examples, or, with `shuffle`, examples in
 * an order drawn afresh from `rng` at the start of each pass (so one seed repeats the whole run). Unshuffled
 * batches are views of the data; shuffled ones are gathered with `take`.
 */
export class Batches<D extends Dataset> implements Iterable<Subset<D>> {
  /** Batches per pass: `ceil(n / size)`, or `floor(n / size)` with `dropLast`. */
  readonly length: number;
  readonly #data: D;
  readonly #names: string[];
  readonly #count: number;
  readonly #size: number;
  readonly #rng: Rng | null;

  /** Use `batches(data, options)`. */
  constructor(data: D, options: BatchesOptions) {
    const { names, count } = checkDataset('batches', data);
    checkOptions('batches', options, ['size', 'shuffle', 'rng', 'dropLast']);
    const size = checkPositiveInteger('batches', 'options.size', options.size);
    const dropLast = checkBoolean('batches', 'options.dropLast', options.dropLast, false);
    const shuffle = checkBoolean('batches', 'options.shuffle', options.shuffle, false);
    this.#rng = checkShuffleRng('batches', shuffle, options.rng);
    this.#data = data;
    this.#names = names;
    this.#count = count;
    this.#size = size;
    this.length = dropLast ? Math.floor(count / size) : Math.ceil(count / size);
  }

  /** One pass over the data (an epoch); a shuffled pass draws its order when it starts. */
  *[Symbol.iterator](): Iterator<Subset<D>> {
    const order = this.#rng === null ? null : this.#rng.permutation(this.#count);
    for (let batch = 0; batch < this.length; batch++) {
      const start = batch * this.#size;
      const end = Math.min(start + this.#size, this.#count);
      const rows = order === null ? null : slice(order, [start], [end]);
      const out: Record<string, Tensor> = {};
      for (const name of this.#names) {
        const value = this.#data[name]!;
        out[name] = rows === null ? slice(value, [start], [end]) : take(value, rows, 0);
      }
      yield out as Subset<D>;
    }
  }
}

/**
 * Mini-batches of `data` (named tensors sharing a first axis of examples), to iterate once per epoch:
 *
 * ```ts
 * const loader = batches({ x, y }, { size: 16, shuffle: true, rng: new Rng(0) });
 * for (let epoch = 0; epoch < 100; epoch++) {
 *   for (const batch of loader) train(batch.x, batch.y); // a new order every epoch
 * }
 * ```
 */
export function batches<D extends Dataset>(data: D, options: BatchesOptions): Batches<D> {
  return new Batches(data, options);
}
