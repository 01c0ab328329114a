import { ValueError } from '../errors';
import { erfcScalar } from '../special';
import type { Tensor } from '../tensor';
import { type UnaryKernel, unaryOp } from './unary';

// Activation functions as element-wise kernels, with PyTorch's definitions (torch.nn.functional) computed in float64
// and rounded once to the tensor's dtype. Their derivatives live in @chainrule/autograd (and `geluGrad`).

/** GELU's two forms: `'none'`, the exact `x·Φ(x)`, and `'tanh'`, PyTorch's tanh approximation. */
export type GeluApproximation = 'none' | 'tanh';

/** Options of `gelu` and `geluGrad`. */
export interface GeluOptions {
  /** `'none'` (default): `x·Φ(x)` through erf; `'tanh'`: `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`. */
  approximate?: GeluApproximation;
}

/** √(2/π), the tanh approximation's scale. */
export const GELU_TANH_SCALE = Math.sqrt(2 / Math.PI);
/** The cubic coefficient of the tanh approximation. */
export const GELU_TANH_CUBIC = 0.044715;

/** The logistic sigmoid of one number, without overflow (e^v is only taken of v ≤ 0). */
export function sigmoidScalar(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

// NOTE: log(1 + eˣ) overflows e^x for x > 709 and loses everything to rounding for x < −37 (1 + eˣ = 1); the form
// max(x, 0) + log1p(e^−|x|) takes e only of a non-positive number and keeps log1p's accuracy for tiny e^−|x|.
const softplusKernel: UnaryKernel = (x, xi, xs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, xi += xs) {
    const v = x[xi]!;
    out[oi] = v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v));
  }
};
// NOTE: log σ(x) = −softplus(−x) = min(x, 0) − log1p(e^−|x|), the same stable form (log(sigmoid(x)) would give
// −Infinity once σ(x) underflows, near x = −745).
const logSigmoidKernel: UnaryKernel = (x, xi, xs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, xi += xs) {
    const v = x[xi]!;
    out[oi] = v < 0 ? v - Math.log1p(Math.exp(v)) : -Math.log1p(Math.exp(-v));
  }
};
// NOTE: x·σ(x) with the stable sigmoid; at x = −Infinity the product would be −∞·0 = NaN, so the limit, −0, is given.
const siluKernel: UnaryKernel = (x, xi, xs, out, oi, n) => {
  for (const end = oi + n; oi < end; oi++, xi += xs) {
    const v = x[xi]!;
    out[oi] = v === Number.NEGATIVE_INFINITY ? -0 : v * sigmoidScalar(v);
  }
};

/** GELU of one number. */
export function geluScalar(v: number, tanh: boolean): number {
  if (v === Number.NEGATIVE_INFINITY) return -0;
  if (tanh) return v * sigmoidScalar(2 * GELU_TANH_SCALE * (v + GELU_TANH_CUBIC * v * v * v));
  return 0.5 * v * erfcScalar(-v * Math.SQRT1_2);
}

// NOTE: the tails. Exact: Φ(x) = erfc(−x/√2)/2 rather than PyTorch's (1 + erf(x/√2))/2, which cancels to 0 below
// x ≈ −8 (float64) where x·Φ(x) is still ~1e-15 and more. Tanh form: 0.5·(1 + tanh(u)) = σ(2u), stable where
// 1 + tanh(u) cancels. At x = −Infinity both give the limit, −0, instead of −∞·0 = NaN.
function geluKernel(tanh: boolean): UnaryKernel {
  return (x, xi, xs, out, oi, n) => {
    for (const end = oi + n; oi < end; oi++, xi += xs) out[oi] = geluScalar(x[xi]!, tanh);
  };
}

/** Element-wise softplus `out = log(1 + eˣ)` (PyTorch's `softplus`, β = 1), stable for every x. */
export function softplus(x: Tensor): Tensor {
  return unaryOp('softplus', softplusKernel, x);
}

/** Element-wise `out = log σ(x) = −softplus(−x)` (PyTorch's `logsigmoid`), finite for every finite x. */
export function logSigmoid(x: Tensor): Tensor {
  return unaryOp('logSigmoid', logSigmoidKernel, x);
}

/** Element-wise SiLU (swish) `out = x·σ(x)` (PyTorch's `silu`). */
export function silu(x: Tensor): Tensor {
  return unaryOp('silu', siluKernel, x);
}

/** Element-wise leaky rectifier `out = x` for `x > 0`, `negativeSlope·x` otherwise (PyTorch's `leaky_relu`, default 0.01). */
export function leakyRelu(x: Tensor, negativeSlope = 0.01): Tensor {
  const slope = finiteNumber('leakyRelu', 'negativeSlope', negativeSlope);
  return unaryOp(
    'leakyRelu',
    (x, xi, xs, out, oi, n) => {
      for (const end = oi + n; oi < end; oi++, xi += xs) {
        const v = x[xi]!;
        out[oi] = v > 0 ? v : v * slope;
      }
    },
    x,
  );
}

/**
 * Element-wise ELU `out = x` for `x > 0`, `alpha·(eˣ − 1)` otherwise (PyTorch's `elu`, default α = 1).
 * NOTE: eˣ − 1 is `expm1`, exact near 0 where `exp(x) − 1` cancels.
 */
export function elu(x: Tensor, alpha = 1): Tensor {
  const a = finiteNumber('elu', 'alpha', alpha);
  return unaryOp(
    'elu',
    (x, xi, xs, out, oi, n) => {
      for (const end = oi + n; oi < end; oi++, xi += xs) {
        const v = x[xi]!;
        out[oi] = v > 0 ? v : a * Math.expm1(v);
      }
    },
    x,
  );
}

/**
 * Element-wise GELU (PyTorch's `gelu`): exact `x·Φ(x) = 0.5·x·(1 + erf(x/√2))` by default, or with
 * `{ approximate: 'tanh' }` `0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))`. Both are accurate in the negative tail.
 */
export function gelu(x: Tensor, options: GeluOptions = {}): Tensor {
  return unaryOp('gelu', geluKernel(geluTanh('gelu', options)), x);
}

/** Element-wise clamp into `[min, max]` (PyTorch's `clamp`, NumPy's `clip`); NaN stays NaN. Use ±Infinity for one side. */
export function clip(x: Tensor, min: number, max: number): Tensor {
  if (typeof min !== 'number' || typeof max !== 'number' || Number.isNaN(min) || Number.isNaN(max) || min > max) {
    throw new ValueError(
      `clip: expected numbers min <= max (±Infinity for no bound); got min=${String(min)}, max=${String(max)}`,
    );
  }
  return unaryOp(
    'clip',
    (x, xi, xs, out, oi, n) => {
      for (const end = oi + n; oi < end; oi++, xi += xs) {
        const v = x[xi]!;
        out[oi] = Math.min(Math.max(v, min), max);
      }
    },
    x,
  );
}

/** Internal: reads GELU's options; true for the tanh approximation, a ValueError naming `op` for anything unknown. */
export function geluTanh(op: string, options: GeluOptions): boolean {
  if (options === null || typeof options !== 'object') {
    throw new ValueError(`${op}: options must be an object such as { approximate: 'tanh' }; got ${String(options)}`);
  }
  const { approximate = 'none' } = options;
  if (approximate !== 'none' && approximate !== 'tanh') {
    throw new ValueError(`${op}: approximate must be 'none' or 'tanh'; got ${String(approximate)}`);
  }
  return approximate === 'tanh';
}

function finiteNumber(op: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValueError(`${op}: ${name} must be a finite number; got ${String(value)}`);
  }
  return value;
}
