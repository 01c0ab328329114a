import { DTypeError, ShapeError, ValueError } from '../errors';
import { broadcastShapes, formatShape, shapesEqual } from '../shape';
import { type Tensor, checkTensor } from '../tensor';
import { addKernel } from './binary';
import { binaryInPlace } from './binary-loop';
import { matrixProduct } from './matmul';
import { type UnaryKernel, reluKernel, sigmoidKernel, tanhKernel } from './unary';

/** The activations `fusedDense` applies: `'linear'` (none, the default), `'relu'`, `'sigmoid'`, `'tanh'`. */
export type FusedActivation = 'linear' | 'relu' | 'sigmoid' | 'tanh';

/** Options of `fusedDense`. */
export interface FusedDenseOptions {
  /**
   * Added to the product, broadcast NumPy-style (usually shape `[outFeatures]`); it must not enlarge the product's
   * shape. `null` or absent: no bias.
   */
  bias?: Tensor | null;
  /** Applied last, element-wise. Default `'linear'` (none). */
  activation?: FusedActivation;
}

/**
 * A fully connected layer in one result: `activation(x · weight + bias)`, like TensorFlow.js's `fused.matMul`.
 *
 * `x · weight` follows `matmul` (rank >= 2, batch axes broadcast; usually `[batch, in] · [in, out]`); the bias is added
 * and the activation applied in place in the product's fresh buffer, so no intermediate tensor is made. The numbers
 * are exactly those of `activation(add(matmul(x, weight), bias))` in both dtypes, as each step rounds to the dtype as
 * the separate ops do.
 *
 * ```ts
 * const x = tensor([[0, 0, 1], [1, 1, 1]]);
 * const hidden = fusedDense(x, weight, { bias, activation: 'sigmoid' }); // σ(x·W + b), shape [2, out]
 * ```
 *
 * @throws ShapeError as `matmul` does, or when the bias does not broadcast to the product's shape without enlarging it.
 * @throws DTypeError when the operands' dtypes differ.
 * @throws ValueError for an unknown activation or a bias that is not a Tensor.
 */
export function fusedDense(x: Tensor, weight: Tensor, options?: FusedDenseOptions): Tensor {
  if (options !== undefined && (options === null || typeof options !== 'object' || Array.isArray(options))) {
    throw new ValueError(
      `fusedDense: options must be an object such as { bias, activation }; got ${options === null ? 'null' : Array.isArray(options) ? 'an array' : typeof options}`,
    );
  }
  const activation = options?.activation === undefined ? 'linear' : options.activation;
  const kernel = activationKernel(activation);
  const bias = options?.bias ?? null;
  if (bias !== null) checkTensor(bias, 'fusedDense (bias)');
  const out = matrixProduct('fusedDense', x, weight, false, false);
  if (bias !== null) {
    if (bias.dtype !== out.dtype) {
      throw new DTypeError(
        `fusedDense: bias is ${bias.dtype} (shape ${formatShape(bias.shape)}) but the product is ${out.dtype}; expected one dtype`,
      );
    }
    if (!shapesEqual(broadcastShapes(out.shape, bias.shape, 'fusedDense'), out.shape)) {
      throw new ShapeError(
        `fusedDense: bias of shape ${formatShape(bias.shape)} would enlarge the product's shape ${formatShape(out.shape)}; expected a bias that broadcasts to it (e.g. [${out.shape[out.rank - 1]!}])`,
      );
    }
    binaryInPlace('fusedDense', addKernel, out, bias);
  }
  // The product is fresh and contiguous: the activation can overwrite it element by element.
  if (kernel !== null) kernel(out.data, 0, 1, out.data, 0, out.size);
  return out;
}

/** The kernel of a `FusedActivation` (null for `'linear'`); anything else is a ValueError naming the choices. */
function activationKernel(activation: unknown): UnaryKernel | null {
  switch (activation) {
    case 'linear':
      return null;
    case 'relu':
      return reluKernel;
    case 'sigmoid':
      return sigmoidKernel;
    case 'tanh':
      return tanhKernel;
    default:
      throw new ValueError(
        `fusedDense: unknown activation ${typeof activation === 'string' ? `'${activation}'` : String(activation)}; expected 'linear', 'relu', 'sigmoid' or 'tanh'`,
      );
  }
}
