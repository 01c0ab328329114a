import {
  type Var,
  type VarLike,
  add,
  expandDims,
  isVar,
  matmul,
  relu,
  sigmoid,
  squeeze,
  tanh,
} from '@chainrule/autograd';
import { type DType, DTypeError, Rng, ShapeError, ValueError, formatShape, isTensor, zeros } from '@chainrule/tensor';
import { Module } from '../module';
import { Parameter } from '../parameter';
import { describeValue } from '../tensor-utils';
import { type Initializer, drawWeight, xavierUniform } from './init';

/** The activations `Dense` can apply after `x·W + b`: `'linear'` is none. */
export type DenseActivation = 'linear' | 'relu' | 'sigmoid' | 'tanh';

const activations: Readonly<Record<DenseActivation, ((z: Var) => Var) | null>> = {
  linear: null,
  relu,
  sigmoid,
  tanh,
};

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
   * Applied to `x·W + b`: `'linear'` (none, the default), `'relu'`, `'sigmoid'` or `'tanh'`; the same as following
   * the layer with the activation module (`new Dense(3, 4, { activation: 'sigmoid', rng })` ≡ `Dense` then `Sigmoid`).
   */
  activation?: DenseActivation;
}

/**
 * Fully connected layer: `out = f(x·W + b)`, with `W` of shape `[inFeatures, outFeatures]`, `b` of shape
 * `[outFeatures]` and `f` the optional `activation` (none by default). Input `[..., inFeatures]` (usually
 * `[batch, inFeatures]`), output `[..., outFeatures]`; a 1-D input `[inFeatures]` gives `[outFeatures]`, as PyTorch's
 * `nn.Linear` does.
 * NOTE: PyTorch's `nn.Linear` stores the transpose, `weight: [outFeatures, inFeatures]` (`out = x·Wᵀ + b`);
 * transpose it when moving weights between the two (Keras's `Dense` kernel has this layout).
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
  /** The activation applied after `x·W + b` (`'linear'`: none). */
  readonly activation: DenseActivation;

  constructor(inFeatures: number, outFeatures: number, options: DenseOptions) {
    super();
    checkFeatures('inFeatures', inFeatures);
    checkFeatures('outFeatures', outFeatures);
    const {
      bias = true,
      init = xavierUniform(),
      rng,
      dtype = 'float32',
      activation = 'linear',
    } = checkOptions(options);
    this.weight = new Parameter(drawWeight('Dense', init, [inFeatures, outFeatures], rng, dtype));
    this.bias = bias ? new Parameter(zeros([outFeatures], { dtype })) : null;
    this.inFeatures = inFeatures;
    this.outFeatures = outFeatures;
    this.activation = activation;
  }

  /** `f(x·W + b)` for `x` of shape `[..., inFeatures]` (1-D included); another last axis is a ShapeError. */
  forward(x: VarLike): Var {
    const vector = this.checkInput(x) === 1;
    // A vector is a one-row matrix through the product: [in] -> [1, in] -> [1, out] -> [out].
    const product = vector ? squeeze(matmul(expandDims(x, 0), this.weight), 0) : matmul(x, this.weight);
    const z = this.bias === null ? product : add(product, this.bias);
    const f = activations[this.activation];
    return f === null ? z : f(z);
  }

  /** Throws for an input that is not `[..., inFeatures]` in the parameters' dtype; returns its rank. */
  private checkInput(x: VarLike): number {
    if (!(isVar(x) || isTensor(x) || typeof x === 'number')) {
      throw new ValueError(`Dense: input must be a Var, a Tensor or a number; got ${describeValue(x)}`);
    }
    const shape = typeof x === 'number' ? [] : x.shape;
    if (shape.length < 1 || shape[shape.length - 1] !== this.inFeatures) {
      throw new ShapeError(
        `Dense: input must have shape [..., ${this.inFeatures}] (last axis inFeatures); got ${formatShape(shape)}`,
      );
    }
    if (typeof x !== 'number' && x.dtype !== this.weight.dtype) {
      throw new DTypeError(
        `Dense: input is ${x.dtype} (shape ${formatShape(shape)}) but the layer's parameters are ${this.weight.dtype}; expected a ${this.weight.dtype} input (convert with astype)`,
      );
    }
    return shape.length;
  }
}

function checkFeatures(name: string, value: number): void {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new ValueError(`Dense: ${name} must be a positive integer; got ${describeValue(value)}`);
  }
}

function checkOptions(options: DenseOptions): DenseOptions {
  if (options === null || typeof options !== 'object') {
    throw new ValueError(`Dense: options must be an object with at least { rng }; got ${describeValue(options)}`);
  }
  const { bias = true, rng, dtype = 'float32', activation = 'linear', init = xavierUniform() } = options;
  if (typeof bias !== 'boolean') {
    throw new ValueError(`Dense: options.bias must be true or false; got ${describeValue(bias)}`);
  }
  if (!(rng instanceof Rng)) {
    throw new ValueError(
      `Dense: options.rng must be an Rng (e.g. { rng: new Rng(42) } from @chainrule/tensor), so weights are reproducible from a seed; got ${describeValue(rng)}`,
    );
  }
  if (dtype !== 'float32' && dtype !== 'float64') {
    throw new DTypeError(`Dense: unknown dtype ${describeValue(dtype)}; expected 'float32' or 'float64'`);
  }
  if (typeof activation !== 'string' || !Object.hasOwn(activations, activation)) {
    throw new ValueError(
      `Dense: unknown activation ${typeof activation === 'string' ? `'${activation}'` : describeValue(activation)}; expected 'linear', 'relu', 'sigmoid' or 'tanh'`,
    );
  }
  if (typeof init !== 'function') {
    throw new ValueError(
      `Dense: options.init must be an initialiser such as uniform(0, 1); got ${describeValue(init)}`,
    );
  }
  return options;
}
