import { erfcScalar } from '../special';
import type { Tensor } from '../tensor';
import { GELU_TANH_CUBIC, GELU_TANH_SCALE, type GeluOptions, geluTanh, sigmoidScalar } from './activations';
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

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** GELU's derivative at one number (see `geluGrad`). */
function geluDerivative(v: number, tanh: boolean): number {
  if (tanh) {
    // With p = σ(2u), q = σ(−2u) = 1 − p: 0.5·(1 + tanh u) = p and 1 − tanh² u = 4pq, computed without cancellation.
    const u = GELU_TANH_SCALE * (v + GELU_TANH_CUBIC * v * v * v);
    const p = sigmoidScalar(2 * u);
    const q = sigmoidScalar(-2 * u);
    const du = GELU_TANH_SCALE * (1 + 3 * GELU_TANH_CUBIC * v * v);
    // NOTE: where p or q is 0 the second term is 0 (its limit), not the ∞·0 = NaN of a huge |x|·u'.
    return p === 0 || q === 0 ? p : p + 2 * v * du * p * q;
  }
  const cdf = 0.5 * erfcScalar(-v * Math.SQRT1_2);
  const pdf = Math.exp(-0.5 * v * v) * INV_SQRT_2PI;
  return pdf === 0 ? cdf : cdf + v * pdf;
}

/**
 * The gradient through a GELU from its input: `dy · gelu′(x)`, with `gelu′(x) = Φ(x) + x·φ(x)` for the exact form
 * (φ the standard normal density) and the derivative of `0.5·x·(1 + tanh u)`, `u = √(2/π)·(x + 0.044715·x³)`, with
 * `{ approximate: 'tanh' }`. `x` and `dy` broadcast like `mul`; float dtypes only.
 */
export function geluGrad(x: Tensor | number, dy: Tensor | number, options: GeluOptions = {}): Tensor {
  const tanh = geluTanh('geluGrad', options);
  const kernel: BinaryKernel = (x, xi, xs, dy, di, ds, out, oi, n) => {
    for (const end = oi + n; oi < end; oi++, xi += xs, di += ds) out[oi] = dy[di]! * geluDerivative(x[xi]!, tanh);
  };
  return binaryOp('geluGrad', kernel, x, dy);
}
