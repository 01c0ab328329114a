import { type FusedDenseOptions, type Var, type VarLike, fusedDense, isVar } from '@chainrule/autograd';
import {
  type DType,
  DTypeError,
  type FusedActivation,
  Rng,
  ShapeError,
  Tensor,
  ValueError,
  formatShape,
  isTensor,
  shapesEqual,
  zeros,
} from '@chainrule/tensor';
import { type Initializer, xavierUniform } from './init';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { describeValue } from '../tensor-utils';

/** Options of `Dense`. */
export interface DenseOptions {
  /** Add a learnable bias `b` (zeros at first). Default true. */
  bias?: boolean;
  /** Draws the weight. Default `xavierUniform()`; the tutorial's network uses `uniform(0, 1)`. */
  init?: Initializer;
  /** The generator the initialiser draws from (required, so weights are reproducible from a seed). */
  rng: Rng;
  /** Dtype of the parameters. Default `'float32'`. */
  dtype?: DType;
  /**
   * Applied to `x·W + b` in the same op: `'linear'` (none, the default), `'relu'`, `'sigmoid'` or `'tanh'`.
   * `new Dense(3, 4, { activation: 'sigmoid', rng })` computes what `Dense` followed by `Sigmoid` does, to the bit,
   * as one graph node (`dense+sigmoid`) with one result tensor instead of two.
   */
  activation?: FusedActivation;
}

/**
 * Fully connected layer: `out = f(x·W + b)`, with `W` of shape `[inFeatures, outFeatures]`, `b` of shape
 * `[outFeatures]` and `f` the optional `activation` (none by default). Input `[..., inFeatures]` (usually
 * `[batch, inFeatures]`), output `[..., outFeatures]`. The whole layer is one op (`fusedDense` in @chainrule/autograd),
 * so a graph shows one `dense` node per layer (`dense+sigmoid` with that activation).
 * NOTE: PyTorch's `nn.Linear` stores the transpose, `weight: [outFeatures, inFeatures]` (`out = x·Wᵀ + b`);
 * transpose it when moving weights between the two (Keras's `Dense` kernel has this layout).
 * An activation can also be a separate module or function (`Sequential(dense, new Sigmoid())`): same numbers, one
 * more node and one more tensor per step.
 */
export class Dense extends Module {
  /** `W`, shape `[inFeatures, outFeatures]`, drawn by `options.init` from `options.rng`. */
  readonly weight: Parameter;
  /** `b`, shape `[outFeatures]`, zeros at first; `null` with `bias: false`. */
  readonly bias: Parameter | null;
  /** Size of the last input axis. */
  readonly inFeatures: number;
  /** Size of the last output axis. */
  readonly outFeatures: number;
  /** The activation applied in the layer's op (`'linear'`: none). */
  readonly activation: FusedActivation;
  readonly #opOptions: FusedDenseOptions;

  constructor(inFeatures: number, outFeatures: number, options: DenseOptions) {
    super();
    checkFeatures('inFeatures', inFeatures);
    checkFeatures('outFeatures', outFeatures);
    if (options === null || typeof options !== 'object') {
      throw new ValueError(`Dense: options must be an object with at least { rng }; got ${describeValue(options)}`);
    }
    const { bias = true, init = xavierUniform(), rng, dtype = 'float32', activation = 'linear' } = options;
    if (!(rng instanceof Rng)) {
      throw new ValueError(
        `Dense: options.rng must be an Rng (e.g. { rng: new Rng(42) } from @chainrule/tensor), so weights are reproducible from a seed; got ${describeValue(rng)}`,
      );
    }
    if (dtype !== 'float32' && dtype !== 'float64') {
      throw new DTypeError(`Dense: unknown dtype ${describeValue(dtype)}; expected 'float32' or 'float64'`);
    }
    if (activation !== 'linear' && activation !== 'relu' && activation !== 'sigmoid' && activation !== 'tanh') {
      throw new ValueError(
        `Dense: unknown activation ${typeof activation === 'string' ? `'${activation}'` : describeValue(activation)}; expected 'linear', 'relu', 'sigmoid' or 'tanh'`,
      );
    }
    if (typeof init !== 'function') {
      throw new ValueError(
        `Dense: options.init must be an initialiser such as uniform(0, 1); got ${describeValue(init)}`,
      );
    }
    const shape = [inFeatures, outFeatures];
    const weight: unknown = init(shape, rng, dtype);
    if (!(weight instanceof Tensor) || !shapesEqual(weight.shape, shape)) {
      throw new ShapeError(
        `Dense: options.init returned ${weight instanceof Tensor ? `${formatShape(weight.shape)} ${weight.dtype}` : describeValue(weight)}; expected a ${formatShape(shape)} ${dtype} Tensor`,
      );
    }
    if (weight.dtype !== dtype) {
      throw new DTypeError(`Dense: options.init returned a ${weight.dtype} weight; expected dtype ${dtype}`);
    }
    this.weight = new Parameter(weight);
    this.bias = bias ? new Parameter(zeros([outFeatures], { dtype })) : null;
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.activation = activation;
    this.#opOptions = { bias: this.bias, activation };
  }

  /** `f(x·W + b)` for `x` of shape `[..., inFeatures]` (rank >= 2); another last axis is a ShapeError. */
  forward(x: VarLike): Var {
    if (!(isVar(x) || isTensor(x) || typeof x === 'number')) {
      throw new ValueError(`Dense: input must be a Var, a Tensor or a number; got ${describeValue(x)}`);
    }
    const shape = typeof x === 'number' ? [] : x.shape;
    if (shape.length < 2 || shape[shape.length - 1] !== this.inFeatures) {
      throw new ShapeError(
        `Dense: input must have shape [..., ${this.inFeatures}] (rank >= 2, last axis inFeatures); got ${formatShape(shape)}`,
      );
    }
    if (typeof x !== 'number' && x.dtype !== this.weight.dtype) {
      throw new DTypeError(
        `Dense: input is ${x.dtype} (shape ${formatShape(shape)}) but the layer's parameters are ${this.weight.dtype}; expected a ${this.weight.dtype} input (convert with astype)`,
      );
    }
    return fusedDense(x, this.weight, this.#opOptions);
  }
}

function checkFeatures(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new ValueError(`Dense: ${name} must be a positive integer; got ${describeValue(value)}`);
  }
}
