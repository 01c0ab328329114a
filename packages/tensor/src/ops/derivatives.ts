import type { Tensor } from '../tensor';
import { type BinaryKernel, binaryOp } from './binary-loop';

// Derivative kernels: the factor a backward pass multiplies the incoming gradient `dy` by, computed from the forward
// op's saved output `y` in one loop. @chainrule/autograd wraps each as an ordinary differentiable op.
// NOTE: in float32 every step is rounded to float32 (Math.fround) where the separate tensor ops would round it, so
// `sigmoidGrad(y, dy)` gives the same bits as `mul(dy, mul(y, sub(1, y)))` in both dtypes.

const sigmoidGradKernel: BinaryKernel = (y, yi, ys, dy, di, ds, out, oi, n) => {
  const end = oi + n;
  if (out instanceof Float64Array) {
    for (; oi < end; oi++, yi += ys, di += ds) out[oi] = dy[di]! * (y[yi]! * (1 - y[yi]!));
  } else {
    for (; oi < end; oi++, yi += ys, di += ds) out[oi] = dy[di]! * Math.fround(y[yi]! * Math.fround(1 - y[yi]!));
  }
};

const tanhGradKernel: BinaryKernel = (y, yi, ys, dy, di, ds, out, oi, n) => {
  const end = oi + n;
  if (out instanceof Float64Array) {
    for (; oi < end; oi++, yi += ys, di += ds) out[oi] = dy[di]! * (1 - y[yi]! * y[yi]!);
  } else {
    for (; oi < end; oi++, yi += ys, di += ds) out[oi] = dy[di]! * Math.fround(1 - Math.fround(y[yi]! * y[yi]!));
  }
};

// NOTE: the mask is y > 0, so relu's derivative at 0 is 0 (PyTorch, JAX and tinygrad agree); dy·0 keeps NaN and −0.
const reluGradKernel: BinaryKernel = (y, yi, ys, dy, di, ds, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, yi += ys, di += ds) out[oi] = dy[di]! * (y[yi]! > 0 ? 1 : 0);
};

/**
 * The gradient through a sigmoid from its output: `dy · y · (1 − y)`, since σ'(x) = σ(x)·(1 − σ(x)).
 * `y` is the sigmoid's output, `dy` the gradient arriving at it; they broadcast like `mul`.
 *
 * ```ts
 * const y = sigmoid(x);
 * sigmoidGrad(y, ones(y.shape)); // σ'(x)
 * ```
 */
export function sigmoidGrad(y: Tensor | number, dy: Tensor | number): Tensor {
  return binaryOp('sigmoidGrad', sigmoidGradKernel, y, dy);
}

/** The gradient through a tanh from its output: `dy · (1 − y²)`, since tanh'(x) = 1 − tanh²(x). Broadcasts like `mul`. */
export function tanhGrad(y: Tensor | number, dy: Tensor | number): Tensor {
  return binaryOp('tanhGrad', tanhGradKernel, y, dy);
}

/** The gradient through a relu from its output: `dy · [y > 0]` (0 at y = 0). Broadcasts like `mul`. */
export function reluGrad(y: Tensor | number, dy: Tensor | number): Tensor {
  return binaryOp('reluGrad', reluGradKernel, y, dy);
}
