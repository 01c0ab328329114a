import { type Indices, type Var, isVar, take } from '@chainrule/autograd';
import { DTypeError, type FloatDType, Rng, ValueError, formatShape, isTensor } from '@chainrule/tensor';
import { checkOptions } from '../check-options';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { describeValue } from '../tensor-utils';
import { type Initializer, drawWeight, normal } from './init';

/** Options of `Embedding`. */
export interface EmbeddingOptions {
  /** The generator the initialiser draws from (required, so weights are reproducible from a seed). */
  rng: Rng;
  /** Draws the table. Default `normal(0, 1)`, as PyTorch's `nn.Embedding`. */
  init?: Initializer;
  /** Dtype of the table. Default `'float32'`. */
  dtype?: FloatDType;
}

/**
 * A table of learned vectors looked up by index (PyTorch's `nn.Embedding`): `forward(indices)` gives, for each
 * index, its row of `weight`, `out[k..., :] = weight[indices[k...], :]`, of shape `[...indices.shape, embeddingDim]`.
 * It is `take(weight, indices, 0)`, so the gradient adds each output row's gradient to the row it was read from
 * (scatter-add: a row looked up twice gets both), and rows not looked up get zeros.
 */
export class Embedding extends Module {
  /** The table, `[numEmbeddings, embeddingDim]`, drawn by `options.init` (default N(0, 1)). */
  readonly weight: Parameter;
  /** Number of rows: the indices are 0 … numEmbeddings − 1. */
  readonly numEmbeddings: number;
  /** Length of each row. */
  readonly embeddingDim: number;

  constructor(numEmbeddings: number, embeddingDim: number, options: EmbeddingOptions) {
    super();
    checkSize('numEmbeddings', numEmbeddings);
    checkSize('embeddingDim', embeddingDim);
    checkOptions('Embedding', options, ['rng', 'init', 'dtype']);
    const { rng, init = normal(0, 1), dtype = 'float32' } = options;
    if (!(rng instanceof Rng)) {
      throw new ValueError(
        `Embedding: options.rng must be an Rng (e.g. { rng: new Rng(42) } from @chainrule/tensor), so weights are reproducible from a seed; got ${describeValue(rng)}`,
      );
    }
    if (dtype !== 'float32' && dtype !== 'float64') {
      throw new DTypeError(`Embedding: unknown dtype ${describeValue(dtype)}; expected 'float32' or 'float64'`);
    }
    if (typeof init !== 'function') {
      throw new ValueError(
        `Embedding: options.init must be an initialiser such as normal(0, 1); got ${describeValue(init)}`,
      );
    }
    this.weight = new Parameter(drawWeight('Embedding', init, [numEmbeddings, embeddingDim], rng, dtype));
    this.numEmbeddings = numEmbeddings;
    this.embeddingDim = embeddingDim;
  }

  /**
   * The rows at `indices`: an int32 tensor (or constant Var) of any shape, or a list of integers; each in
   * [−numEmbeddings, numEmbeddings), negative ones counting from the end as `take`'s do. One out of range is a
   * ShapeError naming it.
   */
  forward(indices: Indices): Var {
    if ((isVar(indices) || isTensor(indices)) && indices.dtype !== 'int32') {
      throw new DTypeError(
        `Embedding: indices must be int32; got ${indices.dtype} of shape ${formatShape(indices.shape)} (convert with astype(indices, 'int32'))`,
      );
    }
    return take(this.weight, indices, 0);
  }
}

function checkSize(name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new ValueError(`Embedding: ${name} must be a positive integer; got ${describeValue(value)}`);
  }
}
